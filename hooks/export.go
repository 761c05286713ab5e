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
)

// PersonExport is everything stored about one participant (GDPR Art. 15
// and 20), as data: their record and every record about them, grouped by
// collection. Staff appear only as "staff"; emails to staff are left out,
// so the export says nothing about anyone else.
type PersonExport struct {
	Generated   string                      `json:"generated"`
	Participant map[string]any              `json:"participant"`
	Records     map[string][]map[string]any `json:"records"`
	Consents    []map[string]any            `json:"consents"`
	Files       []exportFile                `json:"files"`
}

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
func ExportPerson(app core.App, participantId string, now time.Time) (*PersonExport, error) {
	p, err := app.FindRecordById("participants", participantId)
	if err != nil {
		return nil, err
	}
	related, err := relatedRecords(app, p)
	if err != nil {
		return nil, err
	}
	out := &PersonExport{Generated: now.UTC().Format(time.RFC3339), Participant: exportRecord(p),
		Records: map[string][]map[string]any{}}
	for _, r := range related {
		name := r.Collection().Name
		if name == "notifications" && r.GetString("to_kind") != "participant" {
			continue // an email to staff: about the case, but addressed to someone else
		}
		out.Records[name] = append(out.Records[name], exportRecord(r))
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
	return out, nil
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
