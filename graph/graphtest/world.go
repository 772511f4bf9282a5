package graphtest

import "github.com/alaqat/alaqat/graph"

// The world fixture: three articles of our own writing about Qatar, Germany
// and France, with a company that counts for Germany, ministers who count for
// their countries, dated, month-dated, year-dated and undated events, and a
// country (Japan) that nothing connects.
const (
	qa, de, fr, jp = "country:QA", "country:DE", "country:FR", "country:JP"
	ahmed          = "person:ahmed-al-nasr"
	karl           = "person:karl-weber"
	lena           = "person:lena-vogt"
	acme           = "org:acme-defence"
	port           = "org:greater-doha-port"
	nordoha        = "org:nordoha-trading"
	vision         = "org:vision-2030-office"
	defence        = "agreement:defence-2018"
	energy         = "agreement:energy-2017"
	contract       = "agreement:acme-contract"
	culture        = "agreement:culture-mou"
	health         = "agreement:health-mou"
	talks          = "meeting:doha-talks-2018"
	consult        = "meeting:berlin-2020"
	doha           = "place:doha"
	berlin         = "place:berlin"

	interior = "Minister of Interior"
	finance  = "Acting Minister of Finance"
)

func month(y, m int) *graph.PartialDate { return &graph.PartialDate{Year: y, Month: m} }

func world1() *graph.Facts {
	return article(graph.Article{
		ID: "article:world-1", URL: "https://news.example/qatar-germany-defence", Title: "Qatar and Germany sign defence pact",
		Source: "Example News", Published: graph.Date(2018, 5, 15), Lang: graph.English,
		Text: "Qatar and Germany signed a defence cooperation agreement in Doha on 14 May 2018, a year after their energy agreement of 2017. " +
			"Qatar's Minister of Interior Ahmed Al-Nasr, in office since March 2016, met Germany's Minister of Defence Karl Weber at the Doha talks on 13 May 2018.",
	}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar", "قطر"), ISO2: "QA", ISO3: "QAT"}, "Qatar").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "Germany", Names: names("Germany", "ألمانيا"), ISO2: "DE", ISO3: "DEU"}, "Germany").
		node(graph.Node{ID: ahmed, Kind: graph.KindPerson, Name: "Ahmed Al-Nasr", Names: names("Ahmed Al-Nasr", "أحمد النصر")}, "Ahmed Al-Nasr").
		node(graph.Node{ID: karl, Kind: graph.KindPerson, Name: "Karl Weber", Names: names("Karl Weber")}, "Karl Weber").
		node(graph.Node{ID: defence, Kind: graph.KindAgreement, Name: "Qatar–Germany defence cooperation agreement",
			Names: names("Qatar–Germany defence cooperation agreement"), Title: "Defence cooperation agreement",
			AgreementKind: graph.AgreementGeneral, Date: graph.Date(2018, 5, 14), Topics: []string{"defence", "training"}},
			"defence cooperation agreement").
		node(graph.Node{ID: energy, Kind: graph.KindAgreement, Name: "Qatar–Germany energy agreement",
			Names: names("Qatar–Germany energy agreement"), AgreementKind: graph.AgreementGeneral,
			Date: graph.Year(2017), Topics: []string{"energy"}}, "energy agreement of 2017").
		node(graph.Node{ID: talks, Kind: graph.KindMeeting, Name: "Doha talks", Names: names("Doha talks"),
			Title: "Doha talks on defence", Date: graph.Date(2018, 5, 13)}, "Doha talks on 13 May 2018").
		node(graph.Node{ID: doha, Kind: graph.KindPlace, Name: "Doha", Names: names("Doha", "الدوحة")}, "Doha").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: defence}, "Qatar and Germany signed a defence cooperation agreement").
		edge(graph.Edge{From: de, Type: graph.PartyTo, To: defence}, "Qatar and Germany signed a defence cooperation agreement").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: energy}, "their energy agreement").
		edge(graph.Edge{From: de, Type: graph.PartyTo, To: energy}, "their energy agreement").
		edge(graph.Edge{From: ahmed, Type: graph.HoldsOffice, To: qa, Title: interior, Since: month(2016, 3)},
			"Minister of Interior Ahmed Al-Nasr, in office since March 2016").
		edge(graph.Edge{From: karl, Type: graph.HoldsOffice, To: de, Title: "Minister of Defence"}, "Minister of Defence Karl Weber").
		edge(graph.Edge{From: ahmed, Type: graph.ParticipatedIn, To: talks}, "Ahmed Al-Nasr, in office since March 2016, met").
		edge(graph.Edge{From: karl, Type: graph.ParticipatedIn, To: talks}, "met Germany's Minister of Defence Karl Weber").
		edge(graph.Edge{From: talks, Type: graph.HeldIn, To: doha}).
		edge(graph.Edge{From: doha, Type: graph.BasedIn, To: qa}).
		facts()
}

func world2() *graph.Facts {
	return article(graph.Article{
		ID: "article:world-2", URL: "https://akhbar.example/acme-contract", Title: "عقد بين أكمي للدفاع وقطر",
		Source: "أخبار المثال", Published: month(2019, 3), Lang: graph.Arabic,
		Text: "وقّعت شركة أكمي للدفاع الألمانية في مارس 2019 عقدًا مع وزير الداخلية القطري أحمد النصر، " +
			"الذي يشغل أيضًا منصب القائم بأعمال وزير المالية. وترأس الشركةَ لينا فوغت منذ عام 2015.",
	}).
		node(graph.Node{ID: acme, Kind: graph.KindOrganization, Name: "Acme Defence", Names: names("Acme Defence", "أكمي للدفاع"),
			OrgKind: graph.OrgCompany}, "أكمي للدفاع").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "ألمانيا", Names: names("ألمانيا")}, "الألمانية").
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "قطر", Names: names("قطر"), ISO2: "QA"}, "القطري").
		node(graph.Node{ID: ahmed, Kind: graph.KindPerson, Name: "أحمد النصر", Names: names("أحمد النصر")}, "أحمد النصر").
		node(graph.Node{ID: lena, Kind: graph.KindPerson, Name: "Lena Vogt", Names: names("Lena Vogt", "لينا فوغت")}, "لينا فوغت").
		node(graph.Node{ID: contract, Kind: graph.KindAgreement, Name: "عقد أكمي للدفاع", Names: names("عقد أكمي للدفاع"),
			Title: "Acme Defence contract", AgreementKind: graph.AgreementContract, Date: month(2019, 3),
			Topics: []string{"defence", "vehicles"}}, "عقدًا").
		edge(graph.Edge{From: acme, Type: graph.BasedIn, To: de}, "شركة أكمي للدفاع الألمانية").
		edge(graph.Edge{From: acme, Type: graph.PartyTo, To: contract}, "وقّعت شركة أكمي للدفاع").
		edge(graph.Edge{From: ahmed, Type: graph.PartyTo, To: contract}, "عقدًا مع وزير الداخلية القطري أحمد النصر").
		edge(graph.Edge{From: ahmed, Type: graph.HoldsOffice, To: qa, Title: interior}, "وزير الداخلية القطري أحمد النصر").
		edge(graph.Edge{From: ahmed, Type: graph.HoldsOffice, To: qa, Title: finance}, "القائم بأعمال وزير المالية").
		edge(graph.Edge{From: lena, Type: graph.HoldsOffice, To: acme, Title: "Chief Executive", Since: graph.Year(2015)},
			"وترأس الشركةَ لينا فوغت منذ عام 2015").
		facts()
}

func world3() *graph.Facts {
	return article(graph.Article{
		ID: "article:world-3", Title: "Memoranda before Berlin", Source: "Example Wire", Lang: graph.English,
		Text: "Qatar and France signed a cultural memorandum, and Qatar and Germany a health memorandum, " +
			"before the Berlin consultations of January 2020 in Berlin. Japan was not involved. " +
			"The Greater Doha Port Authority, Nordoha Trading and the Vision 2030 Office were mentioned too.",
	}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", Names: names("Qatar"), ISO2: "QA", ISO3: "QAT"}, "Qatar").
		node(graph.Node{ID: fr, Kind: graph.KindCountry, Name: "France", Names: names("France", "فرنسا"), ISO2: "FR", ISO3: "FRA"}, "France").
		node(graph.Node{ID: de, Kind: graph.KindCountry, Name: "Germany", Names: names("Germany"), ISO2: "DE", ISO3: "DEU"}, "Germany").
		node(graph.Node{ID: jp, Kind: graph.KindCountry, Name: "Japan", Names: names("Japan", "اليابان"), ISO2: "JP", ISO3: "JPN"}, "Japan").
		node(graph.Node{ID: culture, Kind: graph.KindAgreement, Name: "Qatar–France cultural memorandum",
			Names: names("Qatar–France cultural memorandum"), AgreementKind: graph.AgreementMoU, Topics: []string{"culture"}},
			"cultural memorandum").
		node(graph.Node{ID: health, Kind: graph.KindAgreement, Name: "Qatar–Germany health memorandum",
			Names: names("Qatar–Germany health memorandum"), AgreementKind: graph.AgreementMoU, Topics: []string{"health"}},
			"health memorandum").
		node(graph.Node{ID: consult, Kind: graph.KindMeeting, Name: "Berlin consultations", Names: names("Berlin consultations"),
			Date: month(2020, 1)}, "Berlin consultations of January 2020").
		node(graph.Node{ID: berlin, Kind: graph.KindPlace, Name: "Berlin", Names: names("Berlin", "برلين")}, "Berlin").
		node(graph.Node{ID: port, Kind: graph.KindOrganization, Name: "Greater Doha Port Authority",
			Names: names("Greater Doha Port Authority"), OrgKind: graph.OrgAgency}, "Greater Doha Port Authority").
		node(graph.Node{ID: nordoha, Kind: graph.KindOrganization, Name: "Nordoha Trading", Names: names("Nordoha Trading"),
			OrgKind: graph.OrgCompany}, "Nordoha Trading").
		node(graph.Node{ID: vision, Kind: graph.KindOrganization, Name: "Vision 2030 Office",
			Names: names("Vision 2030 Office", "مكتب رؤية ٢٠٣٠"), OrgKind: graph.OrgAgency}, "Vision 2030 Office").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: culture}, "Qatar and France signed a cultural memorandum").
		edge(graph.Edge{From: fr, Type: graph.PartyTo, To: culture}, "Qatar and France signed a cultural memorandum").
		edge(graph.Edge{From: qa, Type: graph.PartyTo, To: health}, "Qatar and Germany a health memorandum").
		edge(graph.Edge{From: de, Type: graph.PartyTo, To: health}, "Qatar and Germany a health memorandum").
		edge(graph.Edge{From: qa, Type: graph.ParticipatedIn, To: consult}).
		edge(graph.Edge{From: de, Type: graph.ParticipatedIn, To: consult}).
		edge(graph.Edge{From: consult, Type: graph.HeldIn, To: berlin}, "consultations of January 2020 in Berlin").
		edge(graph.Edge{From: berlin, Type: graph.BasedIn, To: de}).
		facts()
}

func world() []*graph.Facts { return []*graph.Facts{world1(), world2(), world3()} }

// worldEdges is every edge of the world, in the Store's order, with the
// earliest Since of its supporting articles.
func worldEdges() []graph.Edge {
	return []graph.Edge{
		{From: acme, Type: graph.BasedIn, To: de},
		{From: berlin, Type: graph.BasedIn, To: de},
		{From: doha, Type: graph.BasedIn, To: qa},
		{From: consult, Type: graph.HeldIn, To: berlin},
		{From: talks, Type: graph.HeldIn, To: doha},
		{From: ahmed, Type: graph.HoldsOffice, To: qa, Title: finance},
		{From: ahmed, Type: graph.HoldsOffice, To: qa, Title: interior, Since: month(2016, 3)},
		{From: karl, Type: graph.HoldsOffice, To: de, Title: "Minister of Defence"},
		{From: lena, Type: graph.HoldsOffice, To: acme, Title: "Chief Executive", Since: graph.Year(2015)},
		{From: de, Type: graph.ParticipatedIn, To: consult},
		{From: qa, Type: graph.ParticipatedIn, To: consult},
		{From: ahmed, Type: graph.ParticipatedIn, To: talks},
		{From: karl, Type: graph.ParticipatedIn, To: talks},
		{From: de, Type: graph.PartyTo, To: defence},
		{From: de, Type: graph.PartyTo, To: energy},
		{From: de, Type: graph.PartyTo, To: health},
		{From: fr, Type: graph.PartyTo, To: culture},
		{From: qa, Type: graph.PartyTo, To: culture},
		{From: qa, Type: graph.PartyTo, To: defence},
		{From: qa, Type: graph.PartyTo, To: energy},
		{From: qa, Type: graph.PartyTo, To: health},
		{From: acme, Type: graph.PartyTo, To: contract},
		{From: ahmed, Type: graph.PartyTo, To: contract},
	}
}

// worldIDs is every node id of the world, in order.
var worldIDs = []string{
	contract, culture, defence, energy, health,
	de, fr, jp, qa,
	consult, talks,
	acme, port, nordoha, vision,
	ahmed, karl, lena,
	berlin, doha,
}
