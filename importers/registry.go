package importers

// All returns the built-in importers in the fixed order detection tries
// them. Every source is listed here, explicitly; there is no
// self-registration.
func All() []Importer {
	return []Importer{
		Native{},
		builtin("tiktok-creator-rewards"),
		builtin("tiktok-creator-fund"),
		builtin("tiktok-live-gifts"),
		builtin("tiktok-live-diamonds"),
		builtin("tiktok-video-gifts"),
		builtin("tiktok-subscriptions"),
		builtin("tiktok-series"),
		builtin("tiktok-shop-affiliate"),
		builtin("youtube-studio"),
		YouTubeWithoutRevenue(),
		builtin("adsense"),
		builtin("amazon-associates-us"),
		builtin("amazon-associates-uk"),
		builtin("amazon-associates-de"),
		AmazonFeeOrders(),
		builtin("pinterest"),
		builtin("impact"),
		builtin("awin"),
		builtin("cj"),
		builtin("shareasale"),
		builtin("rakuten"),
		builtin("ltk"),
		builtin("gumroad"),
		builtin("patreon"),
		builtin("kofi"),
		PayPal{},
		PayPalNL(),
		Stripe{},
		StripeDashboardExport(),
		Invoices{},
		builtin("ing"),
		builtin("rabobank"),
		builtin("bunq"),
		builtin("knab"),
		builtin("revolut"),
		builtin("revolut-legacy"),
		builtin("wise"),
		ABNAMRO{},
		ASN{},
	}
}
