package demo

// Workflow state keys of the demo workflow "Integrationsbegleitung".
const (
	StateRegistered   = "angemeldet"
	StateFirstMeeting = "erstgespraech"
	StateProfiling    = "profiling"
	StatePlan         = "foerderplan"
	StateInMeasure    = "in_massnahme"
	StatePlaced       = "vermittelt"
	StateFollowUp     = "nachbetreuung"
	StateClosed       = "abgeschlossen"
	StateDropped      = "abgebrochen"
)

// standardPath is the usual order of the states of a case.
var standardPath = []string{StateRegistered, StateFirstMeeting, StateProfiling, StatePlan,
	StateInMeasure, StatePlaced, StateFollowUp, StateClosed}

var intakeTitle = map[string]string{
	"de": "Anmeldung Integrationsbegleitung",
	"en": "Registration for integration support",
	"ar": "التسجيل في برنامج المرافقة للاندماج",
	"fa": "ثبت‌نام برای همراهی در ادغام",
	"uk": "Реєстрація на супровід з інтеграції",
	"ru": "Регистрация на сопровождение по интеграции",
	"tr": "Entegrasyon danışmanlığına kayıt",
}

var intakeDescription = map[string]string{
	"de": "Persönliche Begleitung auf dem Weg in Arbeit, Ausbildung und Gesellschaft: Erstgespräch, Kompetenzfeststellung, Förderplan, Sprachkurse, Praktika und Vermittlung in kleine und mittlere Betriebe der Region.",
	"en": "Personal support on the way into work, training and society: first meeting, skills assessment, integration plan, language courses, internships and placement with small and mid-sized firms in the region.",
}

type staffMember struct {
	Email, Name, Role, Tenant string
}

// staff covers every role in LIFT and BWTW (BWTW has two counsellors, as in the
// project description) and a tenant admin in FAU and VHS.
var staff = []staffMember{
	{"koordination@netzwerk.demo", "Netzwerkkoordination (Demo)", "network_admin", ""},
	{"admin@lift.demo", "Katrin Vogel (Demo)", "tenant_admin", "lift"},
	{"beratung1@lift.demo", "Jonas Richter (Demo)", "counsellor", "lift"},
	{"beratung2@lift.demo", "Aylin Kaya (Demo)", "counsellor", "lift"},
	{"admin@bwtw.demo", "Sabine Hoffmann (Demo)", "tenant_admin", "bwtw"},
	{"beratung1@bwtw.demo", "Thomas Krüger (Demo)", "counsellor", "bwtw"},
	{"beratung2@bwtw.demo", "Leila Nasser (Demo)", "counsellor", "bwtw"},
	{"admin@fau.demo", "Frank Schulze (Demo)", "tenant_admin", "fau"},
	{"admin@vhs.demo", "Petra Lange (Demo)", "tenant_admin", "vhs"},
}

type person struct {
	Tenant, First, Last, Birth, Gender, Nationality, Language, Phone, Municipality string
	State, Assignee, AccountEmail                                                  string
	DaysAgo                                                                        int
	// intake details
	PostalCode, GermanLevel, Jobcenter, Occupation, Qualification string
	Children                                                      int
}

// people are invented; any likeness to real persons is coincidental.
var people = []person{
	{Tenant: "lift", First: "Ahmad", Last: "Al-Hassan", Birth: "1991-03-14", Gender: "male", Nationality: "Syrien",
		Language: "ar", Phone: "+49 1512 0000101", Municipality: "Nordhausen", State: StateFirstMeeting,
		Assignee: "beratung1@lift.demo", AccountEmail: "ahmad.alhassan@teilnehmende.demo", DaysAgo: 9,
		PostalCode: "99734", GermanLevel: "a2", Jobcenter: "nordhausen", Occupation: "Elektriker", Qualification: "Elektroinstallateur", Children: 2},
	{Tenant: "lift", First: "Mariam", Last: "Haidari", Birth: "1996-07-02", Gender: "female", Nationality: "Afghanistan",
		Language: "fa", Phone: "+49 1512 0000102", Municipality: "Bleicherode", State: StateRegistered, DaysAgo: 2,
		PostalCode: "99752", GermanLevel: "a1", Jobcenter: "nordhausen", Occupation: "Pflegehelferin", Qualification: "", Children: 1},
	{Tenant: "lift", First: "Olena", Last: "Kovalenko", Birth: "1985-11-23", Gender: "female", Nationality: "Ukraine",
		Language: "uk", Phone: "+49 1512 0000103", Municipality: "Nordhausen", State: StatePlan,
		Assignee: "beratung2@lift.demo", DaysAgo: 61,
		PostalCode: "99734", GermanLevel: "b1", Jobcenter: "nordhausen", Occupation: "Buchhalterin", Qualification: "Bachelor Rechnungswesen", Children: 1},
	{Tenant: "lift", First: "Yonas", Last: "Tesfaye", Birth: "1999-01-30", Gender: "male", Nationality: "Eritrea",
		Language: "ti", Phone: "+49 1512 0000104", Municipality: "Ellrich", State: StateInMeasure,
		Assignee: "beratung1@lift.demo", DaysAgo: 120,
		PostalCode: "99755", GermanLevel: "a2", Jobcenter: "nordhausen", Occupation: "Lagerlogistik", Qualification: "", Children: 0},
	{Tenant: "bwtw", First: "Samir", Last: "Darwish", Birth: "1988-05-09", Gender: "male", Nationality: "Syrien",
		Language: "ar", Phone: "+49 1512 0000201", Municipality: "Mühlhausen", State: StateProfiling,
		Assignee: "beratung1@bwtw.demo", AccountEmail: "samir.darwish@teilnehmende.demo", DaysAgo: 30,
		PostalCode: "99974", GermanLevel: "b1", Jobcenter: "unstrut_hainich", Occupation: "Koch", Qualification: "", Children: 3},
	{Tenant: "bwtw", First: "Zahra", Last: "Ahmadi", Birth: "2001-09-18", Gender: "female", Nationality: "Afghanistan",
		Language: "fa", Phone: "+49 1512 0000202", Municipality: "Bad Langensalza", State: StateRegistered, DaysAgo: 1,
		PostalCode: "99947", GermanLevel: "a1", Jobcenter: "unstrut_hainich", Occupation: "Friseurin", Qualification: "", Children: 0},
	{Tenant: "bwtw", First: "Dmytro", Last: "Bondarenko", Birth: "1979-02-11", Gender: "male", Nationality: "Ukraine",
		Language: "uk", Phone: "+49 1512 0000203", Municipality: "Mühlhausen", State: StatePlaced,
		Assignee: "beratung2@bwtw.demo", DaysAgo: 200,
		PostalCode: "99974", GermanLevel: "b2", Jobcenter: "unstrut_hainich", Occupation: "Schweißer", Qualification: "Schweißer (Zertifikat)", Children: 0},
	{Tenant: "bwtw", First: "Berivan", Last: "Demir", Birth: "1993-12-01", Gender: "female", Nationality: "Türkei",
		Language: "tr", Phone: "+49 1512 0000204", Municipality: "Schlotheim", State: StateFollowUp,
		Assignee: "beratung1@bwtw.demo", DaysAgo: 260,
		PostalCode: "99994", GermanLevel: "b1", Jobcenter: "unstrut_hainich", Occupation: "Verkäuferin", Qualification: "", Children: 2},
}
