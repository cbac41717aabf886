package sqlite

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/creatorledger/creatorledger/ledger/internal/csqlite"
	"github.com/klauspost/compress/s2"
)

const (
	memberDuplicate = 0 // the import found the entry unchanged
	memberTakenOver = 1 // an undo made the import the entry's created_import
)

// memberRunSize is how many pairs one import_members row holds.
const memberRunSize = 1 << 14

// memberRun collects the (entry id, line) pairs of one import_members row.
type memberRun struct {
	data         []byte
	n            int
	lastID, line int64
	packed       []byte
}

// add appends a pair.
func (r *memberRun) add(id int64, line int) {
	r.data = binary.AppendVarint(r.data, id-r.lastID)
	r.data = binary.AppendVarint(r.data, int64(line)-r.line)
	r.lastID, r.line = id, int64(line)
	r.n++
}

func (r *memberRun) full() bool { return r.n >= memberRunSize }

func (r *memberRun) reset() { r.data, r.n, r.lastID, r.line = r.data[:0], 0, 0, 0 }

// pack returns the run compressed.
func (r *memberRun) pack() []byte {
	r.packed = s2.Encode(r.packed[:cap(r.packed)], r.data)
	return r.packed
}

// eachMember decodes one import_members row's data and calls fn with each
// pair.
func eachMember(packed []byte, n int64, fn func(id int64, line int)) error {
	data, err := s2.Decode(nil, packed)
	if err != nil {
		return fmt.Errorf("read import members: %w", err)
	}
	var id, line int64
	for i := int64(0); i < n; i++ {
		d, k := binary.Varint(data)
		if k <= 0 {
			return fmt.Errorf("read import members: pair %d of %d is cut short", i, n)
		}
		data = data[k:]
		l, k := binary.Varint(data)
		if k <= 0 {
			return fmt.Errorf("read import members: pair %d of %d is cut short", i, n)
		}
		data = data[k:]
		id, line = id+d, line+l
		fn(id, int(line))
	}
	if len(data) != 0 {
		return fmt.Errorf("read import members: %d bytes after %d pairs", len(data), n)
	}
	return nil
}

// addMember records, on the import's writer, that the import holds entry
// id (a duplicate) at line.
func (t *ImportTx) addMember(id int64, line int) error {
	t.members.add(id, line)
	if t.members.full() {
		return t.writeMembers()
	}
	return nil
}

// writeMembers stores the pairs collected so far as one import_members row.
func (t *ImportTx) writeMembers() error {
	r := &t.members
	if r.n == 0 {
		return nil
	}
	if t.stmts.members == nil {
		st, err := t.c.Prepare(`INSERT INTO import_members (import_id, kind, entries, data) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("store import members: %w", err)
		}
		t.stmts.members = st
	}
	if err := insertMembers(t.stmts.members, t.rec.ID, memberDuplicate, r); err != nil {
		return err
	}
	r.reset()
	return nil
}

func insertMembers(st *csqlite.Stmt, importID int64, kind int, r *memberRun) error {
	st.Int64(1, importID)
	st.Int64(2, int64(kind))
	st.Int64(3, int64(r.n))
	st.Blob(4, r.pack())
	if err := st.Exec(); err != nil {
		return fmt.Errorf("store import members: %w", err)
	}
	return nil
}

// takenOver returns the entries listed under an import with kind
// memberTakenOver, each with that import: the entries whose created_import
// is not the import whose id range holds them, since an undo made it their
// first holder. Every other entry lies in its created_import's range.
func takenOver(ctx context.Context, q querier) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT import_id, entries, data FROM import_members WHERE kind = ?`, memberTakenOver)
	if err != nil {
		return nil, fmt.Errorf("read import members: %w", err)
	}
	defer rows.Close()
	over := make(map[int64]int64)
	for rows.Next() {
		var imp, n int64
		var data []byte
		if err := rows.Scan(&imp, &n, &data); err != nil {
			return nil, fmt.Errorf("read import members: %w", err)
		}
		if err := eachMember(data, n, func(e int64, _ int) { over[e] = imp }); err != nil {
			return nil, err
		}
	}
	return over, rows.Err()
}
