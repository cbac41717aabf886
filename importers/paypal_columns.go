package importers

import "strings"

// The columns of PayPal's activity download in each language it comes in.

var paypalENActivityHeader = []string{
	"Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
	"From Email Address", "To Email Address", "Transaction ID", "Address Status", "Sales Tax",
	"Reference Txn ID", "Invoice Number", "Receipt ID", "Balance", "Contact Phone Number", "Subject", "Note",
}

var paypalNLActivityHeader = []string{
	"Datum", "Tijd", "Tijdzone", "Naam", "Type", "Status", "Valuta", "Bruto", "Kosten", "Net",
	"Van e-mailadres", "Naar e-mailadres", "Transactiereferentie", "Verzendadres", "Status adres",
	"Objecttitel", "Object-ID", "Reference Txn ID", "Factuurnummer", "Saldo", "Onderwerp", "Opmerking", "Effect op saldo",
}

// The columns the importer uses.
type ppField int

const (
	ppDate ppField = iota
	ppName
	ppType        // activity download
	ppDescription // statement report: holds the type
	ppStatus
	ppCurrency
	ppGross
	ppFee
	ppNet
	ppFrom
	ppTo
	ppTxnID
	ppRefTxnID
	ppImpact
	ppSubject
	ppNote
	ppItem
	ppInvoice
	ppBankName
	ppBalance
	ppFields
)

// paypalNeeded are the columns every row must have; a row may lack the
// columns after them.
var paypalNeeded = []ppField{ppDate, ppStatus, ppCurrency, ppGross, ppFee, ppTxnID, ppType, ppDescription}

// paypalLocale is one language of PayPal's exports.
type paypalLocale struct {
	lang     string
	names    [ppFields][]string // header names per field, lower case
	dayFirst bool               // dates are always day-first in this language
	example  string             // a date pattern for messages
	required string             // the columns Detect needs, for messages
}

var paypalLocales = []*paypalLocale{
	{lang: "English", example: "dd/mm/yyyy or m/d/yyyy", required: "Date, Currency, Gross, Fee, Transaction ID, Type or Description", names: [ppFields][]string{
		ppDate: {"date"}, ppName: {"name"}, ppType: {"type"}, ppDescription: {"description"},
		ppStatus: {"status"}, ppCurrency: {"currency"}, ppGross: {"gross"}, ppFee: {"fee"}, ppNet: {"net"},
		ppFrom: {"from email address"}, ppTo: {"to email address"}, ppTxnID: {"transaction id"},
		ppRefTxnID: {"reference txn id"}, ppImpact: {"balance impact"}, ppSubject: {"subject"},
		ppNote: {"note"}, ppItem: {"item title"}, ppInvoice: {"invoice number", "invoice id"}, ppBankName: {"bank name"}, ppBalance: {"balance"},
	}},
	{lang: "German", dayFirst: true, example: "dd.mm.yyyy", required: "Datum, Währung, Brutto, Gebühr, Transaktionscode, Typ or Beschreibung", names: [ppFields][]string{
		ppDate: {"datum"}, ppName: {"name"}, ppType: {"typ"}, ppDescription: {"beschreibung"},
		ppStatus: {"status"}, ppCurrency: {"währung"}, ppGross: {"brutto"}, ppFee: {"gebühr", "entgelt"}, ppNet: {"netto"},
		ppFrom: {"absender e-mail-adresse"}, ppTo: {"empfänger e-mail-adresse"}, ppTxnID: {"transaktionscode"},
		ppRefTxnID: {"zugehöriger transaktionscode"}, ppImpact: {"auswirkung auf guthaben"}, ppSubject: {"betreff"},
		ppNote: {"hinweis"}, ppItem: {"artikelbezeichnung"}, ppInvoice: {"rechnungsnummer"}, ppBankName: {"name der bank"}, ppBalance: {"guthaben"},
	}},
	{lang: "Spanish", dayFirst: true, example: "d/m/yyyy", required: "Fecha, Divisa, Bruto, Comisión, Id. de transacción, Tipo or Descripción", names: [ppFields][]string{
		ppDate: {"fecha"}, ppName: {"nombre"}, ppType: {"tipo"}, ppDescription: {"descripción"},
		ppStatus: {"estado"}, ppCurrency: {"divisa"}, ppGross: {"bruto"}, ppFee: {"comisión", "tarifa"}, ppNet: {"neto"},
		ppFrom: {"correo electrónico del remitente"}, ppTo: {"correo electrónico del destinatario"},
		ppTxnID: {"id. de transacción"}, ppRefTxnID: {"id. de referencia de trans."}, ppImpact: {"impacto en el saldo"},
		ppSubject: {"asunto"}, ppNote: {"nota"}, ppItem: {"título del artículo"}, ppInvoice: {"id. de factura", "número de factura"},
		ppBankName: {"nombre del banco"}, ppBalance: {"saldo"},
	}},
}

// The Dutch names of the statement report were seen in another importer;
// those of the activity download are assumed.
var paypalDutch = &paypalLocale{lang: "Dutch", dayFirst: true, example: "d-m-yyyy", required: "Datum, Valuta, Bruto, Kosten, Transactiereferentie, Type or Omschrijving", names: [ppFields][]string{
	ppDate: {"datum"}, ppName: {"naam"}, ppType: {"type"}, ppDescription: {"omschrijving"},
	ppStatus: {"status"}, ppCurrency: {"valuta"}, ppGross: {"bruto"}, ppFee: {"kosten"}, ppNet: {"net", "netto"},
	ppFrom: {"van e-mailadres"}, ppTo: {"naar e-mailadres"}, ppTxnID: {"transactiereferentie"},
	ppRefTxnID: {"reference txn id", "gerelateerde transactiereferentie"}, ppImpact: {"effect op saldo"},
	ppSubject: {"onderwerp"}, ppNote: {"opmerking"}, ppItem: {"objecttitel"}, ppInvoice: {"factuurnummer", "factuurreferentie"},
	ppBankName: {"naam bank"}, ppBalance: {"saldo"},
}}

// paypalColumns maps a header to column indexes for one locale: -1 where a
// column is absent. ok is false unless the header has the columns every
// PayPal export has (date, currency, gross, fee, transaction id, and a type
// or description).
func paypalColumns(loc *paypalLocale, header []string) (cols [ppFields]int, ok bool) {
	idx := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := idx[k]; !dup && k != "" {
			idx[k] = i
		}
	}
	for f := range cols {
		cols[f] = -1
		for _, n := range loc.names[f] {
			if i, found := idx[n]; found {
				cols[f] = i
				break
			}
		}
	}
	ok = cols[ppDate] >= 0 && cols[ppCurrency] >= 0 && cols[ppGross] >= 0 && cols[ppFee] >= 0 &&
		cols[ppTxnID] >= 0 && (cols[ppType] >= 0 || cols[ppDescription] >= 0)
	return cols, ok
}

func (p PayPal) locales() []*paypalLocale {
	if p.dutch {
		return []*paypalLocale{paypalDutch}
	}
	return paypalLocales
}

// locale finds the language of a header.
func (p PayPal) locale(header []string) (*paypalLocale, [ppFields]int, bool) {
	for _, loc := range p.locales() {
		if cols, ok := paypalColumns(loc, header); ok {
			return loc, cols, true
		}
	}
	return nil, [ppFields]int{}, false
}
