// Package content holds the content of the demo data set: what every
// seeded Träger publishes. It is plain data with no dependencies; the demo
// loader stores it.
package content

import _ "embed"

// IntakeForm is the definition (JSON, see docs/form-language.md) of the
// intake form "Anmeldung Integrationsbegleitung": 45 fields in 5 sections,
// labels in de, en, ar, fa, uk, ru and tr, with test cases.
//
//go:embed intake-form.json
var IntakeForm []byte

// IntakeOffer is the slug of the offer the intake form belongs to.
const IntakeOffer = "integrationsbegleitung"
