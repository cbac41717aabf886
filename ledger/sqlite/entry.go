package sqlite

// statusSQL is the SQL of the text of a status stored in column col.
func statusSQL(col string) string {
	return `CASE ` + col + ` WHEN 1 THEN 'estimated' WHEN 2 THEN 'pending' WHEN 3 THEN 'approved' WHEN 4 THEN 'paid' WHEN 5 THEN 'reversed' END`
}

// statusCodeSQL is the SQL of the code of a status whose text is in col.
func statusCodeSQL(col string) string {
	return `CASE ` + col + ` WHEN 'estimated' THEN 1 WHEN 'pending' THEN 2 WHEN 'approved' THEN 3 WHEN 'paid' THEN 4 WHEN 'reversed' THEN 5 END`
}
