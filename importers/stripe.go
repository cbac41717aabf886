package importers

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/creatorledger/creatorledger/ledger"
)

// Stripe reads Stripe's "Balance change from activity" itemized report
// (Reports → Balance → Balance change from activity → Download, itemized):
// one row per balance transaction, amounts with '.' decimals in the
// currency's major unit, currencies in lower case, gross and net signed as
// the change to the Stripe balance, fee positive when Stripe charged one.
// Columns are found by name, so the report's optional columns
// (automatic_payout_id, customer_email, exchange_rate...) may be there or
// not; created (local time) is accepted instead of created_utc.
//
// Entries, by reporting_category, all signed as the change to the Stripe
// balance:
//
//	charge, payment                  earning  gross  program charges
//	refund, dispute, ...             reversal gross  program charges
//	payout, payout_reversal          payout   gross  program payouts, status paid
//	fee, network_cost, tax           fee      net    program account
//	contribution (Stripe Climate)    expense  net    program account
//	anything else (topup, transfer,  transfer gross  program account, the category in the description
//	other_adjustment, reserves...)
//
// Where fee is not zero and the row is not itself a fee, a fee entry of
// net−gross comes with it, so the entries of a row always sum to its net.
// Program payouts matches the Stripe row of thresholds.csv. Every row is a
// settled balance transaction: approved (money in the Stripe balance, to be
// paid out; the description says when it becomes available), or paid for a
// payout. The balance_transaction_id (txn_...) is the external id.
type Stripe struct{}

// Name implements Importer.
func (Stripe) Name() string { return "stripe" }

// Info implements Importer.
func (Stripe) Info() Info {
	return Info{
		Title:      "Stripe balance change from activity, itemized report",
		Header:     `balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,description`,
		Confidence: SeenFile,
	}
}

// The columns the importer uses.
const (
	stID = iota
	stCreated
	stAvailable
	stCurrency
	stGross
	stFee
	stNet
	stCategory
	stDescription
	stPayoutID
	stCustomerName
	stCustomerEmail
	stFields
)

var stripeNames = [stFields][]string{
	stID: {"balance_transaction_id"}, stCreated: {"created_utc", "created"}, stAvailable: {"available_on_utc", "available_on"},
	stCurrency: {"currency"}, stGross: {"gross"}, stFee: {"fee"}, stNet: {"net"}, stCategory: {"reporting_category"},
	stDescription: {"description"}, stPayoutID: {"automatic_payout_id"}, stCustomerName: {"customer_name"},
	stCustomerEmail: {"customer_email"},
}

// stripeRequired are the columns every itemized report has.
var stripeRequired = []int{stID, stCreated, stCurrency, stGross, stFee, stNet, stCategory}

func stripeColumns(header []string) (cols [stFields]int, missing []string) {
	idx := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := idx[k]; !dup {
			idx[k] = i
		}
	}
	for f := range cols {
		cols[f] = -1
		for _, n := range stripeNames[f] {
			if i, ok := idx[n]; ok {
				cols[f] = i
				break
			}
		}
	}
	for _, f := range stripeRequired {
		if cols[f] < 0 {
			missing = append(missing, stripeNames[f][0])
		}
	}
	return cols, missing
}

// Detect implements Importer.
func (Stripe) Detect(header []string) bool {
	_, missing := stripeColumns(header)
	return len(missing) == 0
}

// Parse implements Importer.
func (Stripe) Parse(src *Source, emit func(ledger.Entry) error) error {
	cols, missing := stripeColumns(src.Header())
	if len(missing) > 0 {
		src.LineErrorf("not a Stripe itemized balance report: no column %s", strings.Join(missing, ", "))
		return nil
	}
	maxCol := 0
	for _, c := range cols {
		maxCol = max(maxCol, c)
	}
	for src.Next() {
		rec := src.Record()
		if len(rec) <= maxCol {
			src.LineErrorf("has %d fields, the header has %d", len(rec), len(src.Header()))
			continue
		}
		entries, ok := stripeRow(src, cols, rec)
		if !ok {
			continue
		}
		for _, e := range entries {
			if err := emit(e); err != nil {
				return err
			}
		}
	}
	return nil
}

func stripeRow(src *Source, cols [stFields]int, rec []string) ([]ledger.Entry, bool) {
	ok := true
	cell := func(f int) string {
		if cols[f] < 0 {
			return ""
		}
		return strings.TrimSpace(rec[cols[f]])
	}
	amount := func(f int) decimal.Decimal {
		d, err := ParseAmount(cell(f), DecimalDot)
		if err != nil && strings.Contains(cell(f), ",") {
			err = errCommaAmount // Stripe never groups thousands
		}
		if err != nil {
			src.Errorf(cols[f], "%q is not an amount (%v)", rec[cols[f]], err)
			ok = false
		} else if !inRange(d) {
			src.Errorf(cols[f], "%q is too large for the ledger", rec[cols[f]])
			ok = false
		}
		return d
	}
	date := func(f int) time.Time {
		d, err := ParseDate(cell(f), ledger.DateLayout)
		if err != nil {
			src.Errorf(cols[f], "%q is not a date (want yyyy-mm-dd hh:mm:ss)", rec[cols[f]])
			ok = false
		}
		return d
	}

	id := cell(stID)
	if id == "" {
		src.Errorf(cols[stID], "empty: every balance transaction has an id")
		ok = false
	}
	created := date(stCreated)
	var available time.Time
	if cell(stAvailable) != "" {
		available = date(stAvailable)
	}
	currency := strings.ToUpper(cell(stCurrency))
	if !ledger.ValidCurrency(currency) {
		src.Errorf(cols[stCurrency], "%q is not an ISO 4217 currency code", rec[cols[stCurrency]])
		ok = false
	}
	gross, fee, net := amount(stGross), amount(stFee), amount(stNet)
	feeAmount := net.Sub(gross)
	if ok && !feeAmount.Abs().Equal(fee.Abs()) {
		src.Errorf(cols[stNet], "%q is not gross %q less fee %q", rec[cols[stNet]], rec[cols[stGross]], rec[cols[stFee]])
		ok = false
	}
	category := strings.ToLower(cell(stCategory))
	if category == "" {
		src.Errorf(cols[stCategory], "empty: every balance transaction has a reporting category")
		ok = false
	}
	if !ok {
		return nil, false
	}

	kind, program := stripeKind(category)
	status := ledger.StatusApproved
	if kind == ledger.KindPayout {
		status = ledger.StatusPaid
	}
	desc := cell(stDescription)
	if desc == "" || kind == ledger.KindTransfer {
		desc = joinNonEmpty("; ", category, desc)
	}
	if !available.IsZero() && available.After(created) && kind != ledger.KindPayout {
		desc += "; available " + available.Format(ledger.DateLayout)
	}
	if p := cell(stPayoutID); p != "" && kind != ledger.KindPayout {
		desc += "; paid out in " + p
	}
	counterparty := cell(stCustomerName)
	if counterparty == "" {
		counterparty = cell(stCustomerEmail)
	}
	main := ledger.Entry{
		Date: created, Platform: "stripe", Program: program, Kind: kind, Amount: gross, Currency: currency,
		ExternalID: id, Status: status, Counterparty: counterparty, Description: desc,
	}
	if kind == ledger.KindFee || kind == ledger.KindExpense {
		main.Amount = net
		return []ledger.Entry{main}, true
	}
	out := []ledger.Entry{main}
	if !feeAmount.IsZero() {
		f := main
		f.Kind = ledger.KindFee
		f.Amount = feeAmount
		f.Counterparty = ""
		f.Description = "Stripe fee: " + category
		out = append(out, f)
	}
	return out, true
}

// stripeKind maps a reporting category (docs.stripe.com/reports/reporting-categories)
// to an entry kind and program.
func stripeKind(category string) (ledger.Kind, string) {
	switch category {
	case "charge", "payment", "platform_earning":
		return ledger.KindEarning, "charges"
	case "refund", "refund_failure", "dispute", "dispute_reversal", "partial_capture_reversal",
		"charge_failure", "payment_failure_refund", "payment_reversal", "platform_earning_refund":
		return ledger.KindReversal, "charges"
	case "payout", "payout_reversal":
		return ledger.KindPayout, "payouts"
	case "fee", "network_cost", "tax", "stripe_fee_tax":
		return ledger.KindFee, "account"
	case "contribution", "climate_order_purchase", "climate_order_refund":
		return ledger.KindExpense, "account"
	}
	return ledger.KindTransfer, "account"
}

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
