package ledger

import "strings"

// iso4217 lists the active ISO 4217 currency codes (plus the historical
// codes that still appear in ECB tables) with their minor-unit digits.
var iso4217 = func() map[string]int {
	m := make(map[string]int, 200)
	for _, c := range strings.Fields(`
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD
BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR
JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN
QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL
THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW
ZWG CYP EEK HRK LTL LVL MTL ROL SIT SKK TRL`) {
		m[c] = 2
	}
	for _, c := range strings.Fields(`BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF`) {
		m[c] = 0
	}
	for _, c := range strings.Fields(`BHD IQD JOD KWD LYD OMR TND`) {
		m[c] = 3
	}
	for _, c := range strings.Fields(`CLF UYW`) {
		m[c] = 4
	}
	return m
}()

// knownCodes has a bit for each code of iso4217, at its place among the
// three-letter codes (codeIndex): a look-up for every imported entry that
// costs no hashing.
var knownCodes = func() (bits [(26*26*26 + 63) / 64]uint64) {
	for c := range iso4217 {
		i, _ := codeIndex(c)
		bits[i/64] |= 1 << (i % 64)
	}
	return bits
}()

// codeIndex is the place of a code of three letters A-Z among all of them.
func codeIndex(code string) (int, bool) {
	if len(code) != 3 {
		return 0, false
	}
	i := 0
	for j := 0; j < 3; j++ {
		c := code[j]
		if c < 'A' || c > 'Z' {
			return 0, false
		}
		i = 26*i + int(c-'A')
	}
	return i, true
}

// ValidCurrency reports whether code is a known ISO 4217 code (upper case).
func ValidCurrency(code string) bool {
	i, ok := codeIndex(code)
	return ok && knownCodes[i/64]&(1<<(i%64)) != 0
}

// MinorUnits returns the number of minor-unit digits of a currency: 2 for
// EUR and USD, 0 for JPY, 3 for KWD. Unknown codes get 2.
func MinorUnits(code string) int {
	if n, ok := iso4217[code]; ok {
		return n
	}
	return 2
}
