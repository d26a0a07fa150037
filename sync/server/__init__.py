"""The central server (FastAPI on uvicorn, storage through SQLAlchemy Core)."""
