"""The SQLite store: schema, migrations, import/export and every query the app runs.

No other package writes SQL; pages and components call the functions here.
"""
