package wootest

import (
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// rowKey holds what the common list filters and orderings look at.
type rowKey struct {
	id       int64
	created  time.Time
	modified time.Time
	title    string
	slug     string
	text     string // lower-cased text that search matches
}

type listRow[T any] struct {
	key rowKey
	v   T
}

type listOpts struct {
	defOrderby string
	defOrder   string
	// noDates: the resource has no date filters (terms).
	noDates bool
	// extraOrder sorts by resource-specific orderby values; it returns
	// false when it does not know the value.
	extraOrder func(orderby string, a, b rowKey) (int, bool)
}

func parseIDList(s string) []int64 {
	var out []int64
	for _, p := range splitList(s) {
		n, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err == nil {
			if n < 0 {
				n = -n
			}
			out = append(out, n)
		}
	}
	return out
}

func (rc *reqCtx) q(name string) string {
	v, _ := queryValue(rc, name)
	return v
}

func (rc *reqCtx) qBool(name string) (bool, bool) {
	v, ok := queryValue(rc, name)
	if !ok {
		return false, false
	}
	return v == "true" || v == "1", true
}

func (rc *reqCtx) qInt(name string, def int) int {
	v, ok := queryValue(rc, name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	if n < 0 {
		n = -n
	}
	return n
}

// listResponse filters, orders and pages rows as WP_Query does for the CRUD
// controllers, and sets X-WP-Total, X-WP-TotalPages and Link.
func listResponse[T any](s *Store, rc *reqCtx, rows []listRow[T], o listOpts, render func(T) any) *response {
	// include / exclude
	var include []int64
	if v := rc.q("include"); v != "" {
		include = parseIDList(v)
		pos := map[int64]bool{}
		for _, id := range include {
			pos[id] = true
		}
		rows = filterRows(rows, func(k rowKey) bool { return pos[k.id] })
	}
	if v := rc.q("exclude"); v != "" {
		ex := map[int64]bool{}
		for _, id := range parseIDList(v) {
			ex[id] = true
		}
		rows = filterRows(rows, func(k rowKey) bool { return !ex[k.id] })
	}
	if v := strings.ToLower(strings.TrimSpace(rc.q("search"))); v != "" {
		rows = filterRows(rows, func(k rowKey) bool { return strings.Contains(k.text, v) })
	}
	if !o.noDates {
		useGMT, _ := rc.qBool("dates_are_gmt")
		loc := s.cfg.loc
		if useGMT {
			loc = time.UTC
		}
		dateFilter := func(param string, after bool, created bool) {
			v := rc.q(param)
			if v == "" {
				return
			}
			t, ok := parseRESTDate(v, loc)
			if !ok {
				return
			}
			rows = filterRows(rows, func(k rowKey) bool {
				d := k.modified
				if created {
					d = k.created
				}
				d = d.Truncate(time.Second)
				if after {
					return d.After(t)
				}
				return d.Before(t)
			})
		}
		dateFilter("after", true, true)
		dateFilter("before", false, true)
		dateFilter("modified_after", true, false)
		dateFilter("modified_before", false, false)
	}

	orderby := rc.q("orderby")
	if orderby == "" {
		orderby = o.defOrderby
	}
	order := rc.q("order")
	if order == "" {
		order = o.defOrder
	}
	desc := order == "desc"
	incPos := map[int64]int{}
	for i, id := range include {
		if _, seen := incPos[id]; !seen {
			incPos[id] = i
		}
	}
	// cmp compares two rows by the sort key alone, order applied; 0 is a tie.
	cmp := func(a, b rowKey) int {
		c := 0
		switch orderby {
		case "id":
			c = cmpInt(a.id, b.id)
		case "date":
			c = a.created.Truncate(time.Second).Compare(b.created.Truncate(time.Second))
		case "modified":
			c = a.modified.Truncate(time.Second).Compare(b.modified.Truncate(time.Second))
		case "title", "name":
			c = strings.Compare(strings.ToLower(a.title), strings.ToLower(b.title))
		case "slug":
			c = strings.Compare(a.slug, b.slug)
		case "include":
			return incPos[a.id] - incPos[b.id]
		default:
			if o.extraOrder != nil {
				if cc, known := o.extraOrder(orderby, a, b); known {
					c = cc
				}
			}
		}
		if desc {
			return -c
		}
		return c
	}
	// Rows come from maps: start from id order so that only the seeded
	// shuffle decides how ties fall.
	sort.Slice(rows, func(i, j int) bool { return rows[i].key.id < rows[j].key.id })
	sort.SliceStable(rows, func(i, j int) bool { return cmp(rows[i].key, rows[j].key) < 0 })
	if orderby != "id" && orderby != "include" {
		shuffleTies(rows, cmp, s.tieRand())
	}

	perPage := rc.qInt("per_page", 10)
	if perPage < 1 {
		perPage = 10
	}
	page := rc.qInt("page", 1)
	if page < 1 {
		page = 1
	}
	total := len(rows)
	start := (page - 1) * perPage
	if _, hasOffset := queryValue(rc, "offset"); hasOffset {
		start = rc.qInt("offset", 0)
	}
	var pageRows []listRow[T]
	if start < total {
		end := min(start+perPage, total)
		pageRows = rows[start:end]
	}
	out := make([]any, 0, len(pageRows))
	for _, r := range pageRows {
		out = append(out, render(r.v))
	}
	maxPages := (total + perPage - 1) / perPage
	h := http.Header{}
	h.Set("X-WP-Total", strconv.Itoa(total))
	h.Set("X-WP-TotalPages", strconv.Itoa(maxPages))
	var links []string
	if page > 1 {
		prev := min(page-1, maxPages)
		links = append(links, "<"+rc.pageURL(prev)+">; rel=\"prev\"")
	}
	if maxPages > page {
		links = append(links, "<"+rc.pageURL(page+1)+">; rel=\"next\"")
	}
	if len(links) > 0 {
		h.Set("Link", strings.Join(links, ", "))
	}
	return &response{status: http.StatusOK, body: out, header: h}
}

// pageURL is the collection URL with the request's query and page=n, as
// add_query_arg builds it.
func (rc *reqCtx) pageURL(n int) string {
	var parts []string
	replaced := false
	for _, p := range strings.Split(rc.rawQ, "&") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		if dk == "page" {
			if replaced {
				continue
			}
			dv, replaced = strconv.Itoa(n), true
		}
		parts = append(parts, url.QueryEscape(dk)+"="+url.QueryEscape(dv))
	}
	if !replaced {
		parts = append(parts, "page="+strconv.Itoa(n))
	}
	return rc.base + rc.r.URL.Path + "?" + strings.Join(parts, "&")
}

func filterRows[T any](rows []listRow[T], keep func(rowKey) bool) []listRow[T] {
	out := rows[:0:0]
	for _, r := range rows {
		if keep(r.key) {
			out = append(out, r)
		}
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// tieRand returns the generator that orders the ties of one list request:
// seeded with [WithSeed] and a per-store request counter, so that each
// request orders ties differently and a run can still be replayed.
func (s *Store) tieRand() *rand.Rand {
	return rand.New(rand.NewPCG(uint64(s.cfg.seed), s.listSeq.Add(1)))
}

// shuffleTies puts each run of rows that tie on the sort key (cmp is 0) in a
// random order. MySQL gives tied rows no order, and each page is a separate
// query, so on a real store a LIMIT/OFFSET walk sorted by a key that ties
// (the default date, a batch-created set sharing one second) can repeat some
// rows and skip others; the fake must not hide that.
func shuffleTies[T any](rows []listRow[T], cmp func(a, b rowKey) int, r *rand.Rand) {
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && cmp(rows[i].key, rows[j].key) == 0 {
			j++
		}
		run := rows[i:j]
		r.Shuffle(len(run), func(a, b int) { run[a], run[b] = run[b], run[a] })
		i = j
	}
}
