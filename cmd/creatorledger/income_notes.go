package main

import (
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/creatorledger/creatorledger/ledger"
)

// incomeNotes says under the income table which payments settle an
// invoice (counted once, as the invoice), and what the paid basis leaves
// out.
func incomeNotes(c *cli.Context, w io.Writer, db ledger.Store, basis ledger.Basis, from, to time.Time) error {
	ps, err := db.SettledPayments(c.Context, from, to)
	if err != nil {
		return err
	}
	if basis == ledger.BasisPaid {
		fmt.Fprintln(w)
		wrap(w, "", "", "Basis paid: income counts in the period its money reached the bank (payouts reconcile); income not paid yet is not shown.", tableWidth, c.Bool("wide"))
	}
	// Payments into the bank are transfers, never income: only those the
	// report would have counted are named.
	var income []ledger.SettledPayment
	for _, p := range ps {
		if p.Payment.Kind.IsIncome() {
			income = append(income, p)
		}
	}
	if len(income) == 0 || basis == ledger.BasisPaid {
		return nil
	}
	fmt.Fprintln(w)
	for _, p := range income {
		e := p.Payment
		wrap(w, "note: ", "      ", fmt.Sprintf("%s %s %s %s pays invoice %s: counted once, as the invoice", e.Date.Format(ledger.DateLayout), e.Platform,
			ledger.GroupThousands(ledger.FormatAmount(e.Amount, e.Currency)), e.Currency, p.Invoice), tableWidth, c.Bool("wide"))
	}
	return nil
}
