namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Package names typosquatters imitate: widely used PyPI and npm packages (plus real packages one edit away from
/// them, so those are not taken for imitations), and names that were published as typosquats and removed after
/// public reports. Hand-kept; a name missing here is only a missed comparison, never a finding.
/// </summary>
internal static class PopularPackages
{
    public static readonly IReadOnlySet<string> PyPi = new HashSet<string>(StringComparer.Ordinal)
    {
        "requests", "urllib3", "certifi", "idna", "charset-normalizer", "chardet", "setuptools", "wheel", "pip", "six", "python-dateutil",
        "pyyaml", "numpy", "pandas", "scipy", "scapy", "matplotlib", "seaborn", "plotly", "pillow", "opencv-python", "scikit-learn", "scikit-image",
        "tensorflow", "torch", "torchvision", "torchaudio", "transformers", "tokenizers", "datasets", "accelerate", "huggingface-hub", "safetensors",
        "openai", "anthropic", "langchain", "langchain-core", "langchain-openai", "langchain-community", "llama-index", "tiktoken", "cohere", "groq",
        "google-generativeai", "google-genai", "mistralai", "ollama", "litellm", "instructor", "pydantic", "pydantic-core", "pydantic-settings",
        "fastapi", "starlette", "uvicorn", "gunicorn", "flask", "django", "djangorestframework", "werkzeug", "jinja2", "markupsafe", "itsdangerous",
        "click", "typer", "rich", "colorama", "termcolor", "tqdm", "tabulate", "prompt-toolkit", "questionary", "python-dotenv", "dotenv",
        "boto3", "botocore", "boto", "s3transfer", "awscli", "google-cloud-storage", "google-api-python-client", "google-auth", "google-auth-oauthlib",
        "azure-identity", "azure-storage-blob", "httpx", "httpcore", "aiohttp", "aiofiles", "websockets", "websocket-client", "urllib3-secure-extra",
        "beautifulsoup4", "bs4", "lxml", "html5lib", "soupsieve", "selenium", "playwright", "scrapy", "feedparser", "markdown", "markdownify",
        "pytest", "pytest-asyncio", "pytest-cov", "mock", "moto", "coverage", "tox", "nox", "black", "ruff", "flake8", "pylint", "mypy", "isort",
        "sqlalchemy", "alembic", "psycopg2", "psycopg2-binary", "psycopg", "pymysql", "mysqlclient", "pymongo", "redis", "celery", "kombu",
        "cryptography", "pycryptodome", "pyopenssl", "bcrypt", "paramiko", "pynacl", "pyjwt", "jwt", "oauthlib", "requests-oauthlib", "keyring",
        "protobuf", "grpcio", "attrs", "packaging", "filelock", "platformdirs", "psutil", "pexpect", "docker", "kubernetes", "jsonschema",
        "simplejson", "orjson", "ujson", "toml", "tomli", "regex", "pytz", "tzdata", "arrow", "pendulum", "python-slugify", "unidecode",
        "pypdf", "pypdf2", "pdfplumber", "pymupdf", "reportlab", "python-docx", "openpyxl", "xlrd", "xlsxwriter", "python-pptx", "pytesseract",
        "yt-dlp", "youtube-dl", "ffmpeg-python", "pydub", "moviepy", "imageio", "networkx", "sympy", "numba", "jupyter", "ipython", "notebook",
        "discord", "discord-py", "python-telegram-bot", "slack-sdk", "tweepy", "praw", "stripe", "twilio", "sendgrid", "web3", "eth-account",
        "solana", "ccxt", "yfinance", "feedgen", "gitpython", "pygithub", "jira", "notion-client", "gspread", "schedule", "apscheduler",
        "loguru", "structlog", "sentry-sdk", "tenacity", "backoff", "retrying", "cachetools", "diskcache", "faker", "nltk", "spacy", "gensim",
        "sentence-transformers", "faiss-cpu", "chromadb", "pinecone-client", "qdrant-client", "weaviate-client", "mcp", "fastmcp", "duckdb", "polars",
        "pyarrow", "sqlite-utils", "trafilatura", "newspaper3k", "readability-lxml", "html2text", "pyautogui", "pynput", "pyperclip", "qrcode",
    };

    public static readonly IReadOnlySet<string> Npm = new HashSet<string>(StringComparer.Ordinal)
    {
        "react", "react-dom", "preact", "next", "vue", "svelte", "angular", "express", "koa", "fastify", "hono", "axios", "node-fetch", "got",
        "undici", "ws", "socket.io", "socket.io-client", "lodash", "underscore", "ramda", "moment", "dayjs", "date-fns", "luxon", "uuid", "nanoid",
        "chalk", "commander", "yargs", "inquirer", "ora", "dotenv", "cross-env", "cross-spawn", "execa", "shelljs", "zx", "glob", "rimraf", "mkdirp",
        "fs-extra", "chokidar", "debug", "winston", "pino", "morgan", "body-parser", "cors", "helmet", "cookie-parser", "jsonwebtoken", "bcrypt",
        "bcryptjs", "mongoose", "mongodb", "mysql", "mysql2", "pg", "sqlite3", "better-sqlite3", "redis", "ioredis", "prisma", "@prisma/client",
        "sequelize", "typeorm", "knex", "typescript", "ts-node", "tsx", "esbuild", "webpack", "vite", "rollup", "babel-cli", "@babel/core", "eslint",
        "prettier", "jest", "mocha", "chai", "vitest", "playwright", "puppeteer", "puppeteer-core", "cheerio", "jsdom", "marked", "markdown-it",
        "openai", "@anthropic-ai/sdk", "langchain", "@langchain/core", "ai", "zod", "yup", "joi", "ajv", "js-yaml", "yaml", "xml2js",
        "node-cron", "cron", "nodemailer", "twilio", "stripe", "discord.js", "telegraf", "node-telegram-bot-api", "@slack/web-api", "@slack/bolt",
        "googleapis", "@google/generative-ai", "firebase", "firebase-admin", "aws-sdk", "@aws-sdk/client-s3", "ethers", "web3", "viem",
        "@solana/web3.js", "bignumber.js", "bn.js", "big.js", "crypto-js", "tweetnacl", "bs58", "form-data", "qs", "query-string", "semver",
        "minimist", "colors", "kleur", "picocolors", "boxen", "figlet", "cli-table3", "sharp", "jimp", "canvas", "pdfkit", "pdf-lib", "pdf-parse",
        "xlsx", "exceljs", "csv-parse", "papaparse", "handlebars", "ejs", "pug", "mustache", "nodemon", "pm2", "concurrently", "husky",
        "@modelcontextprotocol/sdk", "@types/node", "@types/react", "tslib", "rxjs", "immer", "zustand", "redux", "@reduxjs/toolkit", "jquery",
        "event-stream", "electron", "request", "superagent", "needle", "open", "clipboardy", "node-pty", "playwright-core", "esm",
    };

    /// <summary>Names published to imitate a popular package and removed after public reports.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownPyPiTyposquats = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["colourama"] = "colorama", ["python3-dateutil"] = "python-dateutil", ["jeilyfish"] = "jellyfish", ["urlib3"] = "urllib3",
        ["reqeusts"] = "requests", ["requesst"] = "requests", ["request"] = "requests", ["beautifulsup4"] = "beautifulsoup4", ["djanga"] = "django",
        ["setup-tools"] = "setuptools", ["python-sqlite"] = "sqlite3 (standard library)", ["openai-python"] = "openai", ["crypt"] = "crypt (standard library)",
    };

    /// <summary>npm names published to imitate a popular package and removed after public reports.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownNpmTyposquats = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["crossenv"] = "cross-env", ["cross-env.js"] = "cross-env", ["babelcli"] = "babel-cli", ["d3.js"] = "d3", ["jquery.js"] = "jquery",
        ["mongose"] = "mongoose", ["nodemailer-js"] = "nodemailer", ["noderequest"] = "request", ["nodesass"] = "node-sass",
        ["http-proxy.js"] = "http-proxy", ["discordi.js"] = "discord.js", ["electorn"] = "electron", ["loadyaml"] = "js-yaml",
    };
}
