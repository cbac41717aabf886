package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"time"
	"unicode"
	"unicode/utf8"
)

// KeySize is the length in bytes of a de-duplication key.
const KeySize = 16

var _ [0]struct{} = [KeySize % 8]struct{}{} // compareKeys reads whole words

// Key identifies an entry across imports, whatever file or source it came
// from, so that the same movement imported twice is recognised.
type Key [KeySize]byte

// Identity is what makes two entries "the same movement". When the source
// gives an external id (an order id, a transaction id, a bank sequence
// number, a video id for a period) the identity is that id with the date,
// platform, program, kind and currency, and the amount, status, views and
// texts may change in a later export: that is an update, not a new entry.
//
// Without an external id the identity is the date, platform, program, kind,
// currency, counterparty and description (case and runs of white space
// folded), and KeyOf adds the entry's place among the rows of its file with
// that identity. The amount, status and views are not part of it: a row
// that was 10.00 pending and is 12.50 approved in a later export is an
// update of its entry. Rows of one file that share an identity (identical
// rows, or rows that differ only in amount, status or views) stay separate
// entries, told apart by their order: the first of them in a later export
// is taken for the first in the ledger, and so on. Until schema version 10
// the amount was part of it; migration 0010 (migrateIdlessKeys) gave the
// entries of older ledgers their keys of this form.
//
// The identity does not include the source name, so the native export of an
// Entry is recognised as the entry itself.
func (e *Entry) Identity() string { return string(e.AppendIdentity(nil)) }

// AppendIdentity appends the entry's identity to b.
func (e *Entry) AppendIdentity(b []byte) []byte {
	return e.AppendIdentityAt(b, DayNumber(e.Date), 0)
}

// AppendIdentityAt is AppendIdentity for an entry whose day number
// (DayNumber) the caller has already. The amount in micro-units, which the
// import passes, is no longer part of any identity.
func (e *Entry) AppendIdentityAt(b []byte, day, _ int64) []byte {
	b = AppendDay(b, day)
	for _, s := range [...]string{e.Platform, e.Program, string(e.Kind), e.Currency} {
		b = append(b, 0x1f)
		b = append(b, s...)
	}
	if e.ExternalID != "" {
		b = append(b, "\x1fid\x1f"...)
		return append(b, e.ExternalID...)
	}
	b = append(b, "\x1fno-id\x1f"...)
	b = AppendNormalised(b, e.Counterparty)
	b = append(b, 0x1f)
	return AppendNormalised(b, e.Description)
}

// AppendDay appends a day number (YYYYMMDD) as DateLayout writes it, for
// the years Validate allows.
func AppendDay(b []byte, day int64) []byte {
	y, md := day/10000, day%10000
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+md/1000), byte('0'+md/100%10), '-', byte('0'+md/10%10), byte('0'+md%10))
}

// KeyOf combines an identity with its occurrence index among the entries of
// one file that share it: the first is 0, an identical second row is 1. Two
// identical rows in one file therefore stay two entries, while the same rows
// in an overlapping later export map to the same keys again.
//
// The key starts with the entry's date (days since 1970, big-endian) and
// ends with 12 bytes of SHA-256 of the identity and occurrence: exports are
// mostly in date order, so new keys land next to each other in the index
// instead of at random pages. identity must have 8 bytes of spare capacity
// to avoid an allocation.
func KeyOf(date time.Time, identity []byte, occurrence int) Key {
	sum := sha256.Sum256(binary.BigEndian.AppendUint64(identity, uint64(occurrence)))
	var k Key
	PutKeyDate(&k, date)
	copy(k[4:], sum[:])
	return k
}

// PutKeyDate writes a key's first 4 bytes: the date's days since 1970,
// offset by 2³¹ and big-endian, so that keys sort by date.
func PutKeyDate(k *Key, date time.Time) {
	binary.BigEndian.PutUint32(k[:4], uint32(date.Unix()/86400+1<<31))
}

// AppendNormalised appends s with case folded and runs of white space made
// one space, so that cosmetic differences between exports do not make a new
// identity.
func AppendNormalised(b []byte, s string) []byte {
	if isNormalised(s) { // most texts: nothing to change
		return append(b, s...)
	}
	space := false
	start := len(b)
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// VersionOf hashes the fields of an entry that a later export may change
// without making it another entry (Identity): amount, views, qualified
// views, status, counterparty and description. The ledger keeps it with
// the entry's key (the entry_keys table), so that an import settles an
// unchanged row without reading the entry. It is 64 bits of FNV-1a: two
// versions of one entry share it with a probability of 2⁻⁶⁴, in which case
// the change would be taken for a duplicate.
func VersionOf(amount int64, views, qviews Count, status Status, counterparty, description string) int64 {
	h := fnvWord(fnvOffset, uint64(amount))
	for _, c := range [...]Count{views, qviews} {
		if c.Valid {
			h = fnvWord(fnvWord(h, 1), uint64(c.N))
		} else {
			h = fnvWord(h, 0)
		}
	}
	h = fnvText(h, string(status))
	h = fnvText(h, counterparty)
	h = fnvText(h, description)
	return int64(h)
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvWord hashes the 8 bytes of v, least significant first.
func fnvWord(h, v uint64) uint64 {
	for i := 0; i < 8; i++ {
		h = (h ^ (v & 0xff)) * fnvPrime
		v >>= 8
	}
	return h
}

// fnvText hashes the length of s, then its bytes.
func fnvText(h uint64, s string) uint64 {
	h = fnvWord(h, uint64(len(s)))
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// isNormalised reports whether AppendNormalised would leave s as it is:
// printable ASCII without upper case, with single spaces between words.
func isNormalised(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c <= ' ' || c >= 0x7f || 'A' <= c && c <= 'Z':
			return false
		}
	}
	return true
}
