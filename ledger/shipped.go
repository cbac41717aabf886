package ledger

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/creatorledger/creatorledger/schema"
)

// eachShippedRow calls fn with every row of a data file the program ships
// (schema/data/NAME), after checking its header is columns. Errors name the
// file and, for a row, its line.
func eachShippedRow(name string, columns []string, fn func(rec []string) error) error {
	f, err := schema.Data.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("shipped %s: %w", name, err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("shipped %s: %w", name, err)
	}
	if !slices.Equal(head, columns) {
		return fmt.Errorf("shipped %s: header %q: want %q", name, strings.Join(head, ","), strings.Join(columns, ","))
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("shipped %s: %w", name, err)
		}
		if err := fn(rec); err != nil {
			line, _ := cr.FieldPos(0)
			return fmt.Errorf("shipped %s: line %d: %w", name, line, err)
		}
	}
}
