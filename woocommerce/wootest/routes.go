package wootest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// handler serves one method of a route.
type handler struct {
	fn       func(*Store, *reqCtx) *response
	perm     permKind
	args     []arg // query (and body) arguments, validated in order
	body     []arg // body fields (item schema), validated in order
	required []string
	// exists reports whether the addressed object exists, for the CRUD
	// permission callbacks that let a missing id through to its 404.
	exists func(*Store, *reqCtx) bool
}

func (h *handler) validate(rc *reqCtx) *apiError {
	var missing []string
	for _, name := range h.required {
		if _, ok := rc.param(name); !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return missingParams(missing)
	}
	var errs []paramError
	for _, a := range h.args {
		if v, ok := queryValue(rc, a.name); ok {
			if pe := a.s.checkQuery(a.name, v); pe != nil {
				errs = append(errs, *pe)
			}
		} else if raw, ok := rc.body[a.name]; ok {
			if pe := a.s.check(a.name, raw); pe != nil {
				errs = append(errs, *pe)
			}
		}
	}
	for _, a := range h.body {
		if raw, ok := rc.body[a.name]; ok {
			if pe := a.s.check(a.name, raw); pe != nil {
				errs = append(errs, *pe)
			}
		}
	}
	if len(errs) > 0 {
		return invalidParams(errs)
	}
	return nil
}

// queryValue returns a query parameter, joining name[]=a&name[]=b as "a,b".
func queryValue(rc *reqCtx, name string) (string, bool) {
	if vs, ok := rc.query[name]; ok && len(vs) > 0 {
		return vs[len(vs)-1], true
	}
	if vs, ok := rc.query[name+"[]"]; ok && len(vs) > 0 {
		return strings.Join(vs, ","), true
	}
	return "", false
}

// route is one REST route (a path pattern and its methods).
type route struct {
	display  string
	segs     []string
	handlers map[string]*handler
}

var methodOrder = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

func (r *route) allow() []string {
	var out []string
	for _, m := range methodOrder {
		if r.handlers[m] != nil {
			out = append(out, m)
		}
	}
	return out
}

var routeTable []*route

func addRoute(pattern string, hs map[string]*handler) {
	r := &route{display: pattern, segs: strings.Split(strings.Trim(pattern, "/"), "/"), handlers: map[string]*handler{}}
	for m, h := range hs {
		for _, mm := range strings.Split(m, ",") {
			r.handlers[mm] = h
		}
	}
	routeTable = append(routeTable, r)
}

const editable = "POST,PUT,PATCH"

var strIDRe = regexp.MustCompile(`^[\w-]+$`)

func matchRoute(path string) (*route, []int64, string, bool) {
	p, ok := strings.CutPrefix(path, "/wc/v3/")
	if !ok {
		return nil, nil, "", false
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for _, r := range routeTable {
		if len(r.segs) != len(segs) {
			continue
		}
		var ids []int64
		str := ""
		match := true
		for i, s := range r.segs {
			if s == "{str}" {
				if !strIDRe.MatchString(segs[i]) {
					match = false
					break
				}
				str = segs[i]
				continue
			}
			if s == "{id}" {
				n, err := strconv.ParseInt(segs[i], 10, 64)
				if err != nil || !isDigits(segs[i]) {
					match = false
					break
				}
				ids = append(ids, n)
				continue
			}
			if s != segs[i] {
				match = false
				break
			}
		}
		if match {
			return r, ids, str, true
		}
	}
	return nil, nil, "", false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ---- argument schemas ----

type arg struct {
	name string
	s    *sch
}

// sch is the small part of JSON Schema that WordPress validates.
type sch struct {
	types  []string
	enum   []string
	min    *float64
	max    *float64
	props  []arg
	items  *sch
	format string
}

func tS() *sch                  { return &sch{types: []string{"string"}} }
func tI() *sch                  { return &sch{types: []string{"integer"}} }
func tB() *sch                  { return &sch{types: []string{"boolean"}} }
func tNI() *sch                 { return &sch{types: []string{"integer", "null"}} }
func tDate() *sch               { return &sch{types: []string{"null", "string"}} }
func tE(vals ...string) *sch    { return &sch{types: []string{"string"}, enum: vals} }
func tA(items *sch) *sch        { return &sch{types: []string{"array"}, items: items} }
func tO(props ...arg) *sch      { return &sch{types: []string{"object"}, props: props} }
func tAny() *sch                { return &sch{} }
func a(name string, s *sch) arg { return arg{name: name, s: s} }

func fptr(f float64) *float64 { return &f }

func (s *sch) withMin(n float64) *sch { s.min = fptr(n); return s }
func (s *sch) withMax(n float64) *sch { s.max = fptr(n); return s }

func tIDs() *sch { return tA(tI()) }

func dateTimeArg(name string) arg {
	return a(name, &sch{types: []string{"string"}, format: "date-time"})
}

// collectionArgs are WC_REST_CRUD_Controller::get_collection_params.
func collectionArgs(orderby []string, extra ...arg) []arg {
	args := []arg{
		a("context", tE("view", "edit")),
		a("page", tI().withMin(1)),
		a("per_page", tI().withMin(1).withMax(100)),
		a("search", tS()),
		dateTimeArg("after"),
		dateTimeArg("before"),
		dateTimeArg("modified_after"),
		dateTimeArg("modified_before"),
		a("dates_are_gmt", tB()),
		a("exclude", tIDs()),
		a("include", tIDs()),
		a("offset", tI()),
		a("order", tE("asc", "desc")),
		a("orderby", tE(orderby...)),
	}
	return append(args, extra...)
}

var numericRe = regexp.MustCompile(`^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$`)
var intRe = regexp.MustCompile(`^\s*[+-]?\d+\s*$`)

// checkQuery validates a query-string value (always a string on the wire).
func (s *sch) checkQuery(name, v string) *paramError {
	raw, _ := json.Marshal(v)
	return s.check(name, raw)
}

// check validates a JSON value against the schema as
// rest_validate_value_from_schema does.
func (s *sch) check(name string, raw json.RawMessage) *paramError {
	if s == nil || len(s.types) == 0 {
		return nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil
	}
	return s.checkValue(name, v)
}

func (s *sch) checkValue(name string, v any) *paramError {
	if len(s.types) == 0 {
		return nil
	}
	matched := ""
	for _, t := range s.types {
		if isType(t, v) {
			matched = t
			break
		}
	}
	if matched == "" {
		pe := typeError(name, strings.Join(s.types, ","))
		return &pe
	}
	switch matched {
	case "string":
		str, _ := v.(string)
		if len(s.enum) > 0 && !contains(s.enum, str) {
			pe := enumError(name, s.enum)
			return &pe
		}
		if s.format == "email" && !validEmail(str) {
			return &paramError{param: name, code: "rest_invalid_email", msg: "Invalid email address."}
		}
		if s.format == "date-time" {
			if _, ok := parseRESTDate(str, time.UTC); !ok {
				return &paramError{param: name, code: "rest_invalid_date", msg: "Invalid date."}
			}
		}
	case "integer", "number":
		f := toFloat(v)
		if s.min != nil && s.max != nil && (f < *s.min || f > *s.max) {
			return &paramError{param: name, code: "rest_out_of_bounds",
				msg: fmt.Sprintf("%s must be between %d (inclusive) and %d (inclusive)", name, int(*s.min), int(*s.max))}
		}
		if s.min != nil && s.max == nil && f < *s.min {
			return &paramError{param: name, code: "rest_out_of_bounds",
				msg: fmt.Sprintf("%s must be greater than or equal to %d", name, int(*s.min))}
		}
	case "array":
		if s.items == nil {
			return nil
		}
		var list []any
		switch t := v.(type) {
		case []any:
			list = t
		case string:
			for _, p := range splitList(t) {
				list = append(list, p)
			}
		}
		for i, item := range list {
			if pe := s.items.checkValue(fmt.Sprintf("%s[%d]", name, i), item); pe != nil {
				return pe
			}
		}
	case "object":
		obj, _ := v.(map[string]any)
		for _, p := range s.props {
			if pv, ok := obj[p.name]; ok {
				if pe := p.s.checkValue(name+"["+p.name+"]", pv); pe != nil {
					return pe
				}
			}
		}
	}
	return nil
}

func isType(t string, v any) bool {
	switch t {
	case "null":
		return v == nil
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		switch x := v.(type) {
		case bool:
			return true
		case string:
			return x == "" || x == "true" || x == "false" || x == "1" || x == "0"
		case json.Number:
			return x.String() == "0" || x.String() == "1"
		}
		return false
	case "integer":
		switch x := v.(type) {
		case json.Number:
			f, err := x.Float64()
			return err == nil && f == math.Trunc(f)
		case string:
			return intRe.MatchString(x)
		}
		return false
	case "number":
		switch x := v.(type) {
		case json.Number:
			return true
		case string:
			return numericRe.MatchString(x)
		}
		return false
	case "array":
		switch v.(type) {
		case []any, string, json.Number, bool:
			return true
		}
		return false
	case "object":
		switch x := v.(type) {
		case map[string]any, []any:
			return true
		case string:
			return x == ""
		}
		return false
	}
	return true
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitList is wp_parse_list: split on commas and whitespace.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	return f
}

// parseRESTDate parses an ISO 8601 date as rest_parse_date does, with or
// without an offset; without one the date is in loc.
func parseRESTDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	layouts := []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700"}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	for _, l := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
