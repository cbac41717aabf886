package importers

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

const stripeHeader = `"balance_transaction_id","created_utc","available_on_utc","currency","gross","fee","net","reporting_category","description"` + "\n"

// Every row's entries sum to its net, and only charges and their reversals
// are income.
func TestStripeRowsSumToNet(t *testing.T) {
	text := stripeHeader +
		`"txn_1","2026-09-01 08:26:29","2026-09-03 00:00:00","eur","24.00","0.61","23.39","charge",""` + "\n" +
		`"txn_2","2026-09-09 14:40:02","2026-09-09 14:40:02","eur","-24.00","15.00","-39.00","dispute",""` + "\n" +
		`"txn_3","2026-09-10 02:00:00","2026-09-10 02:00:00","eur","-0.05","0.00","-0.05","fee","Radar"` + "\n" +
		`"txn_4","2026-09-11 02:00:00","2026-09-11 02:00:00","eur","15.66","0.00","15.66","payout_reversal","failed payout"` + "\n"
	src, err := NewSource("stripe.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var total, income decimal.Decimal
	kinds := map[string][]ledger.Kind{}
	err = Run(Stripe{}, src, func(e ledger.Entry, _ bool) error {
		total = total.Add(e.Amount)
		if e.Kind.IsIncome() {
			income = income.Add(e.Amount)
		}
		kinds[e.ExternalID] = append(kinds[e.ExternalID], e.Kind)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := decimal.RequireFromString("0"); !total.Equal(want) {
		t.Errorf("balance change %s, want the nets' sum 0", total)
	}
	if !income.IsZero() {
		t.Errorf("income %s, want 0 (a charge and its dispute)", income)
	}
	want := map[string]string{"txn_1": "earning fee", "txn_2": "reversal fee", "txn_3": "fee", "txn_4": "payout"}
	for id, w := range want {
		var got []string
		for _, k := range kinds[id] {
			got = append(got, string(k))
		}
		if strings.Join(got, " ") != w {
			t.Errorf("%s: kinds %v, want %s", id, got, w)
		}
	}
}

func TestStripeDetect(t *testing.T) {
	if !(Stripe{}).Detect(strings.Split(`balance_transaction_id,created,available_on,currency,gross,fee,net,reporting_category`, ",")) {
		t.Error("the report with local-time columns is Stripe's")
	}
	if (Stripe{}).Detect(NativeHeader) || (Stripe{}).Detect(paypalENActivityHeader) {
		t.Error("native and PayPal headers are not Stripe's")
	}
}

func FuzzStripe(f *testing.F) {
	f.Add([]byte(stripeHeader + `"txn_1","2026-09-01 08:26:29","2026-09-03 00:00:00","eur","24.00","0.61","23.39","charge",""` + "\n"))
	f.Add([]byte("balance_transaction_id,created,currency,gross,fee,net,reporting_category\nt,2026-01-01,usd,-1,0,-1,payout\nt,x,,1e9,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSource("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = Run(Stripe{}, src, func(e ledger.Entry, _ bool) error {
			if err := e.Validate(); err != nil {
				t.Fatalf("emitted an invalid entry: %v", err)
			}
			return nil
		})
	})
}
