import os
import requests

resp = requests.get('https://newsapi.org/v2/top-headlines', params={'country': 'us'}, headers={'X-Api-Key': os.environ['NEWS_API_KEY']}, timeout=10)
print(resp.json()['totalResults'])
