"""``rasad web``: read-only pages and a JSON API for analysts, rendered on the server, right to
left. It sits at the top beside the CLI; nothing but the CLI imports it."""
