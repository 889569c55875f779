from auroranet.cli import app

app()
