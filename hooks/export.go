package hooks

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// PersonExport is everything stored about one participant (GDPR Art. 15
// and 20), as data: their record and every record about them, grouped by
// collection. Staff appear only as "staff"; emails to staff are left out,
// so the export says nothing about anyone else. The person's own export
// leaves out what is internal to the counsellors and says so in LeftOut.
type PersonExport struct {
	Generated   string                      `json:"generated"`
	Participant map[string]any              `json:"participant"`
	Records     map[string][]map[string]any `json:"records"`
	Consents    []map[string]any            `json:"consents"`
	Files       []exportFile                `json:"files"`
	LeftOut     []ExportOmission            `json:"left_out"`
}

// ExportAudience is whom an export is for.
type ExportAudience int

const (
	// ExportForStaff: the Träger's staff answering a request (Art. 15)
	// get everything, internal notes and step comments included.
	ExportForStaff ExportAudience = iota
	// ExportForPerson: the person's own download (/api/mp/me/export) never
	// contains what the counsellors keep for themselves (internal notes,
	// their comments on steps), which the person is never shown.
	ExportForPerson
)

// ExportOmission says what the person's own export left out, how much, and
// why (in German, as the printable page).
type ExportOmission struct {
	What       string `json:"what"` // internal_notes, step_comments
	Collection string `json:"collection"`
	Field      string `json:"field,omitempty"`
	Count      int    `json:"count"`
	Reason     string `json:"reason"`
}

// askTheTenant ends every omission's reason: the person may still ask.
const askTheTenant = " Sie sind nur für die Mitarbeitenden des Trägers bestimmt und werden Ihnen nicht angezeigt." +
	" Auskunft darüber können Sie beim Träger verlangen (Art. 15 DSGVO)."

// internalCollections are left out of the person's own export entirely.
var internalCollections = map[string]ExportOmission{
	"case_notes": {What: "internal_notes", Collection: "case_notes",
		Reason: "Interne Notizen der Beratung zu Ihrem Fall." + askTheTenant},
}

// stepComment is the counsellor's comment on a workflow step, kept in the
// case event's data; the step's answers themselves stay in the export.
var stepComment = ExportOmission{What: "step_comments", Collection: "case_events", Field: "data.comment",
	Reason: "Kommentare der Beratung zu einzelnen Schritten Ihres Falls." + askTheTenant}

type exportFile struct {
	Collection string `json:"collection"`
	Record     string `json:"record"`
	Name       string `json:"name"`
	key        string
}

// internalFields never leave the server.
var internalFields = []string{"idempotency_key", "request_hash", "claim_hash", "claim_expires", "tokenKey", "password"}

// ExportPerson collects a participant's data through the schema (the same
// search as the erasure, so nothing is forgotten by either).
func ExportPerson(app core.App, participantId string, now time.Time, audience ExportAudience) (*PersonExport, error) {
	p, err := app.FindRecordById("participants", participantId)
	if err != nil {
		return nil, err
	}
	related, err := relatedRecords(app, p)
	if err != nil {
		return nil, err
	}
	out := &PersonExport{Generated: now.UTC().Format(time.RFC3339), Participant: exportRecord(p),
		Records: map[string][]map[string]any{}, LeftOut: []ExportOmission{}}
	left := map[string]int{}
	for _, r := range related {
		name := r.Collection().Name
		if name == "notifications" && r.GetString("to_kind") != "participant" {
			continue // an email to staff: about the case, but addressed to someone else
		}
		if _, internal := internalCollections[name]; internal && audience == ExportForPerson {
			left[name]++
			continue
		}
		data := exportRecord(r)
		if name == "case_events" && audience == ExportForPerson && withoutComment(data) {
			left[stepComment.Field]++
		}
		out.Records[name] = append(out.Records[name], data)
		for _, key := range storedFiles(r) {
			out.Files = append(out.Files, exportFile{Collection: name, Record: r.Id, Name: key[len(r.BaseFilesPath())+1:], key: key})
		}
	}
	consents, err := app.FindAllRecords("consents", dbx.HashExp{"participant": p.Id})
	if err != nil {
		return nil, err
	}
	for _, c := range consents {
		out.Consents = append(out.Consents, exportRecord(c))
	}
	for _, name := range slices.Sorted(maps.Keys(internalCollections)) {
		if n := left[name]; n > 0 {
			o := internalCollections[name]
			o.Count = n
			out.LeftOut = append(out.LeftOut, o)
		}
	}
	if n := left[stepComment.Field]; n > 0 {
		o := stepComment
		o.Count = n
		out.LeftOut = append(out.LeftOut, o)
	}
	return out, nil
}

// withoutComment removes a case event's step comment from its exported
// data, reporting whether there was one.
func withoutComment(rec map[string]any) bool {
	data, ok := rec["data"].(types.JSONRaw)
	if !ok || len(data) == 0 {
		return false
	}
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return false
	}
	c, has := m["comment"]
	if !has {
		return false
	}
	delete(m, "comment")
	raw, _ := json.Marshal(m)
	rec["data"] = types.JSONRaw(raw)
	return c != nil && c != ""
}

// exportRecord is a record's public data with staff references replaced.
func exportRecord(r *core.Record) map[string]any {
	data := r.PublicExport()
	for _, k := range internalFields {
		delete(data, k)
	}
	for _, f := range r.Collection().Fields {
		if rel, ok := f.(*core.RelationField); ok && rel.CollectionId == usersCollectionId && data[f.GetName()] != "" {
			data[f.GetName()] = "staff"
		}
	}
	delete(data, "collectionId")
	return data
}

// usersCollectionId is PocketBase's fixed id of the users collection.
const usersCollectionId = "_pb_users_auth_"

// writeExportZip writes export.json, a printable export.html and the files.
func writeExportZip(app core.App, w io.Writer, ex *PersonExport) error {
	z := zip.NewWriter(w)
	raw, _ := json.MarshalIndent(ex, "", "  ")
	if err := addZip(z, "export.json", bytes.NewReader(raw)); err != nil {
		return err
	}
	var page bytes.Buffer
	if err := renderExportHTML(&page, ex); err != nil {
		return err
	}
	if err := addZip(z, "export.html", &page); err != nil {
		return err
	}
	if len(ex.Files) > 0 {
		fs, err := app.NewFilesystem()
		if err != nil {
			return err
		}
		defer fs.Close()
		for _, f := range ex.Files {
			r, err := fs.GetReader(f.key)
			if err != nil {
				continue // a file missing from storage is listed in export.json anyway
			}
			err = addZip(z, "files/"+f.Collection+"/"+f.Record+"/"+f.Name, r)
			r.Close()
			if err != nil {
				return err
			}
		}
	}
	return z.Close()
}

func addZip(z *zip.Writer, name string, r io.Reader) error {
	w, err := z.Create(name)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// sortedKeys of a record map, for a stable printable page.
func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
