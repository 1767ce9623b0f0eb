// Limits LanceDB's native logging to errors; imported before the SDK so the setting is read at load time.
process.env.LANCEDB_LOG ??= 'error'
