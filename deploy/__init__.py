"""Running the dashboard behind the bundled proxy: the internal edition behind sign-in
(``python -m deploy.internal``), the public edition on several replicas (``python -m deploy.replicas``)."""
