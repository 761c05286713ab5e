package loadgen

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strconv"
	"sync"
)

// Tenants are the slugs of the four Träger; each publishes the demo intake
// form under IntakeOffer.
var Tenants = []string{"lift", "fau", "vhs", "bwtw"}

// IntakeOffer is the slug of the demo intake offer.
const IntakeOffer = "integrationsbegleitung"

// SubmitPath is the public submission route of a Träger's intake offer.
func SubmitPath(tenant string) string {
	return "/api/mp/public/offers/" + tenant + "/" + IntakeOffer + "/submissions"
}

var (
	firstNames = []string{"Amal", "Rasha", "Ahmad", "Mariam", "Olena", "Yonas", "Zahra", "Dmytro", "Berivan", "Samir",
		"Hevin", "Farid", "Nadia", "Omid", "Iryna", "Tesfay", "Layla", "Karim"}
	lastNames = []string{"Haddad", "Khalil", "Al-Hassan", "Haidari", "Kovalenko", "Tesfaye", "Ahmadi", "Bondarenko",
		"Demir", "Darwish", "Rahimi", "Shevchenko", "Osman", "Yusuf", "Nazari", "Hussein"}
	towns = []string{"Nordhausen", "Sondershausen", "Mühlhausen", "Leinefelde", "Bad Langensalza", "Ellrich", "Roßleben"}
)

// IntakeAnswers returns a complete, valid registration for the demo intake
// form, varied by seq (names, dates, town) so no two are alike. Every third
// one is the full shape of the form's first test case (children, two
// language rows, a work-experience row, foreign qualification); the others
// are a shorter registration without children, as in the in-process
// benchmark (hooks/bench_submission_test.go).
func IntakeAnswers(r *rand.Rand, seq int) map[string]any {
	birth := fmt.Sprintf("%d-%02d-%02d", 1960+r.IntN(45), 1+r.IntN(12), 1+r.IntN(28))
	a := map[string]any{
		"data_processing_consent": true, "first_name": firstNames[r.IntN(len(firstNames))],
		"last_name": lastNames[r.IntN(len(lastNames))] + "-" + strconv.Itoa(seq), "birth_date": birth,
		"nationality": "SY", "has_children": false, "municipality": towns[r.IntN(len(towns))],
		"postal_code": fmt.Sprintf("99%03d", r.IntN(1000)), "phone": fmt.Sprintf("+49 151 %08d", r.IntN(1e8)),
		"preferred_language": "ar", "german_level": "b2", "residence_status": "recognised_refugee",
		"permit_valid_until": "2028-01-31", "jobcenter": false, "has_foreign_qualification": false,
		"desired_occupation": "Elektrikerin", "driving_licence": "none", "mobility": []any{"public_transport"},
	}
	if seq%3 != 0 {
		return a
	}
	full := map[string]any{
		"gender": "female", "has_children": true, "messenger": []any{"whatsapp", "signal"}, "german_level": "a2",
		"languages": []any{map[string]any{"language": "Arabisch", "level": "native"},
			map[string]any{"language": "Englisch", "level": "good"}},
		"integration_course": "attending", "jobcenter": true, "jobcenter_office": "nordhausen",
		"jobcenter_consent": true, "school_years": 12, "school_certificate": "higher",
		"has_foreign_qualification": true, "qualification_title": "Grundschullehrerin",
		"recognition_status": "in_progress",
		"work_experience": []any{map[string]any{"occupation": "Lehrerin", "country": "Syrien", "years": 6,
			"has_certificate": false}},
		"desired_occupation": "Erzieherin", "driving_licence": "foreign",
		"mobility": []any{"public_transport", "bicycle"}, "max_commute_minutes": 45, "children_count": 2,
		"youngest_child_birth_date": "2022-09-01", "childcare_needed": "yes", "childcare_times": []any{"morning"},
	}
	for k, v := range full {
		a[k] = v
	}
	return a
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())) }

// Pow is a solved proof-of-work challenge.
type Pow struct {
	Challenge string `json:"challenge"`
	Nonce     string `json:"nonce"`
}

// FetchPow gets a challenge from the server and solves it, as the
// registration page's worker does.
func (c *Client) FetchPow(ctx context.Context) (Pow, error) {
	var ch struct {
		Challenge  string `json:"challenge"`
		Difficulty int    `json:"difficulty"`
	}
	if err := c.JSON(ctx, "GET", "/api/mp/public/pow", "", nil, &ch); err != nil {
		return Pow{}, err
	}
	if ch.Difficulty > 20 {
		return Pow{}, fmt.Errorf("proof-of-work difficulty %d: start the server with a low MP_POW_DIFFICULTY for load", ch.Difficulty)
	}
	return Pow{Challenge: ch.Challenge, Nonce: SolvePow(ch.Challenge, ch.Difficulty)}, nil
}

// SolvePow finds a nonce with difficulty leading zero bits in
// sha256(challenge + nonce).
func SolvePow(challenge string, difficulty int) string {
	for i := 0; ; i++ {
		n := strconv.Itoa(i)
		sum := sha256.Sum256([]byte(challenge + n))
		if bits.LeadingZeros64(binary.BigEndian.Uint64(sum[:8])) >= difficulty {
			return n
		}
	}
}

// FetchPows fetches and solves n challenges with workers clients: what
// participants' browsers do when they open the form, minutes before they
// send it, so a burst of submissions does not include them.
func (c *Client) FetchPows(ctx context.Context, n, workers int) ([]Pow, error) {
	out := make([]Pow, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := make(chan int)
	for range max(1, workers) {
		wg.Go(func() {
			for i := range next {
				p, err := c.FetchPow(ctx)
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					continue
				}
				out[i] = p
			}
		})
	}
	for i := range n {
		if firstErr != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out, firstErr
}

// Registration is one prepared submission: the request is fixed by its
// idempotency key, so a retry sends exactly the same thing.
type Registration struct {
	Tenant string
	Key    string
	Body   map[string]any
}

// NewRegistration prepares submission seq of a run.
func NewRegistration(r *rand.Rand, run string, seq int) Registration {
	tenant := Tenants[seq%len(Tenants)]
	return Registration{Tenant: tenant, Key: fmt.Sprintf("%s-%d", run, seq),
		Body: map[string]any{"answers": IntakeAnswers(r, seq), "language": "de", "website": ""}}
}

// Request returns the HTTP request of reg with proof of work p.
func (reg Registration) Request(p Pow) Request {
	body := make(map[string]any, len(reg.Body)+1)
	for k, v := range reg.Body {
		body[k] = v
	}
	body["pow"] = p
	raw, _ := json.Marshal(body)
	return Request{Method: "POST", Path: SubmitPath(reg.Tenant), Body: raw,
		Header: map[string]string{"Idempotency-Key": reg.Key}}
}

// Ack is what a 201 answer to a registration said.
type Ack struct {
	Tenant     string `json:"-"`
	Key        string `json:"-"`
	Reference  string `json:"reference"`
	Submission string `json:"submission"`
	Replayed   bool   `json:"replayed"`
}
