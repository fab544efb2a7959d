"""Running the internal edition behind sign-in (``python -m deploy.internal``)."""
