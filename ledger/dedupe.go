package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
)

// KeySize is the length in bytes of a de-duplication key.
const KeySize = 16

// Key identifies an entry across imports, whatever file or source it came
// from, so that the same movement imported twice is recognised.
type Key [KeySize]byte

// Identity is what makes two entries "the same movement". When the source
// gives an external id (an order id, a transaction id, a bank sequence
// number, a video id for a period) the identity is that id with the date,
// platform, program, kind and currency, and the amount, status, views and
// texts may change in a later export: that is an update, not a new entry.
// Without an external id the amount and the texts are part of the identity.
//
// The identity does not include the source name, so the native export of an
// entry is recognised as the entry itself.
func (e *Entry) Identity() string {
	var b strings.Builder
	b.Grow(96)
	b.WriteString(e.Date.Format(DateLayout))
	for _, s := range []string{e.Platform, e.Program, string(e.Kind), e.Currency} {
		b.WriteByte(0x1f)
		b.WriteString(s)
	}
	if e.ExternalID != "" {
		b.WriteString("\x1fid\x1f")
		b.WriteString(e.ExternalID)
		return b.String()
	}
	b.WriteString("\x1fno-id\x1f")
	micro, _ := ToMicro(e.Amount)
	b.WriteString(strconv.FormatInt(micro, 10))
	b.WriteByte(0x1f)
	b.WriteString(normaliseText(e.Counterparty))
	b.WriteByte(0x1f)
	b.WriteString(normaliseText(e.Description))
	return b.String()
}

// KeyOf combines an identity with its occurrence index among the entries of
// one file that share it: the first is 0, an identical second row is 1. Two
// identical rows in one file therefore stay two entries, while the same rows
// in an overlapping later export map to the same keys again.
//
// The key starts with the entry's date (days since 1970, big-endian) and
// ends with 12 bytes of SHA-256 of the identity and occurrence: exports are
// mostly in date order, so new keys land next to each other in the index
// instead of at random pages.
func KeyOf(date time.Time, identity string, occurrence int) Key {
	h := sha256.New()
	h.Write([]byte(identity))
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(occurrence))
	h.Write(n[:])
	var sum [sha256.Size]byte
	var k Key
	binary.BigEndian.PutUint32(k[:4], uint32(date.Unix()/86400+1<<31))
	copy(k[4:], h.Sum(sum[:0]))
	return k
}

// normaliseText folds case and runs of white space so that cosmetic
// differences between exports do not make a new identity.
func normaliseText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
