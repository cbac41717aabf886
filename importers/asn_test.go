package importers

import (
	"bytes"
	"strings"
	"testing"

	"github.com/creatorledger/creatorledger/ledger"
)

const asnSample = "17-06-2026,NL08ASNB0123456789,NL99ASNB0000000000,XXXXXXXXX Z Z Z Z,,,,EUR,130.44,EUR,223.77,17-06-2026,17-06-2026,2754,NGM,51392971,,,26\n" +
	"25-06-2026,NL08ASNB0123456789,,,,,,EUR,354.21,EUR,-2.20,25-06-2026,25-06-2026,7241,MSC,50951652,,'Kosten gebruik betaalrekening inclusief 1 betaalpas',26\n"

// The first line is a movement; quotes come off the description.
func TestASNFirstLineIsARow(t *testing.T) {
	src, err := NewSource("transactie-historie_NL08ASNB0123456789_20260701101112.csv", strings.NewReader(asnSample))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := Detect(src.Header())
	if err != nil || imp.Name() != "asn" {
		t.Fatalf("detected %v, %v; want asn", imp, err)
	}
	var got []ledger.Entry
	if err := Run(imp, src, func(e ledger.Entry, _ bool) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Line != 1 || got[0].Amount.String() != "223.77" || got[1].Amount.String() != "-2.2" {
		t.Fatalf("entries %+v", got)
	}
	if got[1].Description != "Kosten gebruik betaalrekening inclusief 1 betaalpas" {
		t.Errorf("description %q", got[1].Description)
	}
}

func TestASNDetect(t *testing.T) {
	first := strings.Split(strings.SplitN(asnSample, "\n", 2)[0], ",")
	for _, h := range [][]string{
		NativeHeader,
		first[:18],
		append([]string{"2026-06-17"}, first[1:]...), // not dd-mm-yyyy
		append(append(append([]string{}, first[:10]...), "223,77"), first[11:]...),
	} {
		if (ASN{}).Detect(h) {
			t.Errorf("ASN claims %q", h)
		}
	}
	if (ABNAMRO{}).Detect(first) {
		t.Error("ABN AMRO claims an ASN row")
	}
}

func FuzzASN(f *testing.F) {
	f.Add([]byte(asnSample))
	f.Add([]byte("01-01-2026,a,,,,,,EUR,0,EUR,-0,01-01-2026,01-01-2026,1,X,0,,'',1\n31-02-2026,,,,,,,XXX,1.,EUR,.5,,,,,,,',\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSourceFor("fuzz.csv", bytes.NewReader(data), ASN{})
		if err != nil {
			return
		}
		_ = Run(ASN{}, src, func(e ledger.Entry, _ bool) error {
			if err := e.Validate(); err != nil {
				t.Fatalf("emitted an invalid entry: %v", err)
			}
			return nil
		})
	})
}
