"""`saksflyt serve`: the ASGI application (FastAPI on uvicorn) over the same store as the
command line. Routes parse the request, call engine.app as the authenticated user, and render
with documents/; no domain logic lives here."""
