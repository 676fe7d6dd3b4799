"""The web app over a ledger: pages, the JSON API and charts."""
