package rules

import (
	"reflect"
	"sort"
	"time"

	"github.com/expr-lang/expr/types"
)

// Kind is the kind of a value a rule can read or produce.
type Kind uint8

// The kinds of values. Numbers are float64 (JSON numbers), dates are
// time.Time at midnight Europe/Berlin.
const (
	Any Kind = iota
	String
	Number
	Bool
	Date
	StringList
	ObjectList
	Object
)

var kindNames = [...]string{"any", "text", "number", "yes/no", "date", "list of texts", "list of objects", "object"}

// String returns the name of the kind as shown in diagnostics.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Type describes a value: its kind and, for [Object] and [ObjectList], the
// fields of the object (of each list item).
type Type struct {
	Kind   Kind
	Fields Schema
}

// Schema maps the top-level names a rule may read to their types.
type Schema map[string]Type

// Scalar returns the type of a value of kind k (String, Number, Bool, Date,
// StringList).
func Scalar(k Kind) Type { return Type{Kind: k} }

// ListOf returns the type of a list of objects with the given fields.
func ListOf(fields Schema) Type { return Type{Kind: ObjectList, Fields: fields} }

// ObjectOf returns the type of an object with the given fields.
func ObjectOf(fields Schema) Type { return Type{Kind: Object, Fields: fields} }

// Names returns the schema's names, sorted.
func (s Schema) Names() []string {
	out := make([]string, 0, len(s))
	for name := range s {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

var (
	timeType  = reflect.TypeOf(time.Time{})
	emptyList = []any{}
)

// exprType converts a Type into expr's type description.
func (t Type) exprType() types.Type {
	switch t.Kind {
	case String:
		return types.String
	case Number:
		return types.Float64
	case Bool:
		return types.Bool
	case Date:
		return types.TypeOf(time.Time{})
	case StringList:
		return types.Array(types.String)
	case ObjectList:
		return types.Array(t.Fields.exprMap())
	case Object:
		return t.Fields.exprMap()
	}
	return types.Any
}

func (s Schema) exprMap() types.Map {
	m := make(types.Map, len(s))
	for name, t := range s {
		m[name] = t.exprType()
	}
	return m
}

// Zero returns the value an unanswered value of type t has in an [Env].
// Lists and objects are shared and must not be modified.
func (t Type) Zero() any {
	switch t.Kind {
	case String:
		return ""
	case Number:
		return 0.0
	case Bool:
		return false
	case Date:
		return time.Time{}
	case StringList, ObjectList:
		return emptyList
	case Object:
		m := make(map[string]any, len(t.Fields))
		for name, f := range t.Fields {
			m[name] = f.Zero()
		}
		return m
	}
	return nil
}

// answerablePaths lists every name answered() accepts: top-level names and
// name.field for objects.
func (s Schema) answerablePaths() []string {
	var out []string
	for name, t := range s {
		out = append(out, name)
		if t.Kind == Object {
			for sub := range t.Fields {
				out = append(out, name+"."+sub)
			}
		}
	}
	sort.Strings(out)
	return out
}
