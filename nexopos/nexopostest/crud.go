package nexopostest

import (
	"cmp"
	"encoding/json"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// crudRow is one row of a CRUD list. Only its id and its record (a
// *Product, *Order, *Customer, *HistoryEntry, ...) are known up front: the
// raw values (keyed "table.column", for filters and sorting), the text
// searched by ?search= and the display row are built from the record by
// the namespace's crudKind when the list first needs them, once. A page
// request so renders the rows of its page only, and sorting by the main
// table's id, created_at or updated_at builds nothing.
type crudRow struct {
	id   int64
	rec  any
	memo *rowMemo // nil until something of the row is built
}

// rowMemo keeps what was built of a row; copies of the row share it.
type rowMemo struct {
	raw      map[string]any
	display  obj
	search   string
	searched bool
}

// crudKind builds the rows of one namespace from their records.
type crudKind struct {
	stats   *crudStats
	raw     func(rec any) map[string]any
	display func(rec any) obj
	search  func(rec any) string
	// times returns the main table's created_at and updated_at, for the
	// sorts the polls use; nil sorts those columns by their raw values.
	times func(rec any) (created, updated time.Time)
}

// crudStats counts the CRUD rows whose raw values or display were built,
// so that tests can check a page builds no more than it shows.
type crudStats struct {
	raws, displays int
}

func (r *crudRow) built() *rowMemo {
	if r.memo == nil {
		r.memo = &rowMemo{}
	}
	return r.memo
}

// rawValues returns the row's raw values, building them once.
func (k *crudKind) rawValues(r *crudRow) map[string]any {
	m := r.built()
	if m.raw == nil {
		m.raw = k.raw(r.rec)
		k.stats.raws++
	}
	return m.raw
}

// displayRow returns the row as the list shows it, building it once.
func (k *crudKind) displayRow(r *crudRow) obj {
	m := r.built()
	if m.display == nil {
		m.display = k.display(r.rec)
		k.stats.displays++
	}
	return m.display
}

// searchText returns the text ?search= looks into.
func (k *crudKind) searchText(r *crudRow) string {
	m := r.built()
	if !m.searched {
		m.search, m.searched = k.search(r.rec), true
	}
	return m.search
}

// crudSource describes a CRUD namespace's query for error messages and
// column resolution.
type crudSource struct {
	main    string              // main table, e.g. nexopos_products
	tables  map[string][]string // table or alias -> columns
	from    string              // the FROM clause as the real SQL shows it
	defSort string              // default "table.col"
	defDir  string
}

var (
	productCols  = []string{"id", "name", "tax_type", "tax_group_id", "tax_value", "product_type", "type", "accurate_tracking", "auto_cogs", "status", "stock_management", "barcode", "barcode_type", "sku", "description", "thumbnail_id", "category_id", "parent_id", "unit_group", "on_expiration", "expires", "searchable", "author", "uuid", "created_at", "updated_at"}
	userCols     = []string{"id", "username", "active", "author", "email", "password", "group_id", "first_name", "last_name", "gender", "phone", "pobox", "activation_expiration", "total_sales_count", "total_sales", "birth_date", "purchases_amount", "owed_amount", "credit_limit_amount", "account_amount", "activation_token", "remember_token", "created_at", "updated_at"}
	categoryCols = []string{"id", "name", "parent_id", "media_id", "preview_url", "displays_on_pos", "total_items", "description", "author", "uuid", "created_at", "updated_at"}
	orderCols    = []string{"id", "description", "code", "title", "type", "payment_status", "process_status", "delivery_status", "discount", "discount_type", "support_instalments", "discount_percentage", "shipping", "shipping_rate", "shipping_type", "total_without_tax", "subtotal", "total_with_tax", "total_coupons", "total_cogs", "total", "tax_value", "products_tax_value", "tax_group_id", "tax_type", "tendered", "change", "final_payment_date", "total_instalments", "customer_id", "note", "note_visibility", "author", "uuid", "register_id", "voidance_reason", "created_at", "updated_at"}
	historyCols  = []string{"id", "product_id", "procurement_id", "procurement_product_id", "order_id", "order_product_id", "operation_type", "unit_id", "before_quantity", "quantity", "after_quantity", "unit_price", "total_price", "description", "author", "uuid", "created_at", "updated_at"}
	unitCols     = []string{"id", "name", "identifier", "description", "author", "group_id", "value", "preview_url", "base_unit", "uuid", "created_at", "updated_at"}
	simpleCols   = []string{"id", "name", "description", "author", "uuid", "created_at", "updated_at"}
	taxCols      = []string{"id", "name", "description", "rate", "tax_group_id", "author", "uuid", "created_at", "updated_at"}
	groupCols    = []string{"id", "name", "description", "reward_system_id", "minimal_credit_payment", "author", "uuid", "created_at", "updated_at"}
	ptCols       = []string{"id", "label", "identifier", "priority", "description", "author", "active", "readonly", "created_at", "updated_at"}
)

func crudSources(ns string) (crudSource, bool) {
	switch ns {
	case "ns.products":
		return crudSource{main: "nexopos_products", tables: map[string][]string{"nexopos_products": productCols, "user": userCols, "category": categoryCols, "parent": productCols, "taxes_groups": simpleCols},
			from:    "`ns_nexopos_products` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_products`.`author` = `ns_user`.`id` left join `ns_nexopos_products_categories` as `ns_category` on `ns_nexopos_products`.`category_id` = `ns_category`.`id` left join `ns_nexopos_products` as `ns_parent` on `ns_nexopos_products`.`parent_id` = `ns_parent`.`id` left join `ns_nexopos_taxes_groups` as `ns_taxes_groups` on `ns_nexopos_products`.`tax_group_id` = `ns_taxes_groups`.`id`",
			defSort: "nexopos_products.updated_at", defDir: "desc"}, true
	case "ns.orders":
		return crudSource{main: "nexopos_orders", tables: map[string][]string{"nexopos_orders": orderCols, "author": userCols, "customer": userCols},
			from:    "`ns_nexopos_orders` left join `ns_nexopos_users` as `ns_author` on `ns_nexopos_orders`.`author` = `ns_author`.`id` left join `ns_nexopos_users` as `ns_customer` on `ns_nexopos_orders`.`customer_id` = `ns_customer`.`id`",
			defSort: "nexopos_orders.id", defDir: "desc"}, true
	case "ns.customers":
		return crudSource{main: "nexopos_users", tables: map[string][]string{"nexopos_users": userCols, "group": groupCols, "user": userCols},
			from:    "`ns_nexopos_users` left join `ns_nexopos_customers_groups` as `ns_group` on `ns_nexopos_users`.`group_id` = `ns_group`.`id` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_users`.`author` = `ns_user`.`id`",
			defSort: "nexopos_users.id", defDir: "desc"}, true
	case "ns.global-products-history":
		return crudSource{main: "nexopos_products_histories", tables: map[string][]string{"nexopos_products_histories": historyCols, "user": userCols, "product": productCols, "unit": unitCols, "order": orderCols},
			from:    "`ns_nexopos_products_histories` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_products_histories`.`author` = `ns_user`.`id` inner join `ns_nexopos_products` as `ns_product` on `ns_nexopos_products_histories`.`product_id` = `ns_product`.`id` inner join `ns_nexopos_units` as `ns_unit` on `ns_nexopos_products_histories`.`unit_id` = `ns_unit`.`id` left join `ns_nexopos_orders` as `ns_order` on `ns_nexopos_products_histories`.`order_id` = `ns_order`.`id`",
			defSort: "nexopos_products_histories.id", defDir: "desc"}, true
	case "ns.products-histories":
		return crudSource{main: "nexopos_products_histories", tables: map[string][]string{"nexopos_products_histories": historyCols, "products": productCols, "units": unitCols, "users": userCols, "orders": orderCols},
			from:    "`ns_nexopos_products_histories` left join `ns_nexopos_products` as `ns_products` on `ns_nexopos_products_histories`.`product_id` = `ns_products`.`id` left join `ns_nexopos_units` as `ns_units` on `ns_nexopos_products_histories`.`unit_id` = `ns_units`.`id` left join `ns_nexopos_users` as `ns_users` on `ns_nexopos_products_histories`.`author` = `ns_users`.`id` left join `ns_nexopos_orders` as `ns_orders` on `ns_nexopos_products_histories`.`order_id` = `ns_orders`.`id`",
			defSort: "nexopos_products_histories.id", defDir: "desc"}, true
	case "ns.products-categories":
		return crudSource{main: "nexopos_products_categories", tables: map[string][]string{"nexopos_products_categories": categoryCols, "user": userCols, "parent": categoryCols},
			from:    "`ns_nexopos_products_categories` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_products_categories`.`author` = `ns_user`.`id` left join `ns_nexopos_products_categories` as `ns_parent` on `ns_nexopos_products_categories`.`parent_id` = `ns_parent`.`id`",
			defSort: "nexopos_products_categories.id", defDir: "asc"}, true
	case "ns.payments-types":
		return crudSource{main: "nexopos_payments_types", tables: map[string][]string{"nexopos_payments_types": ptCols, "user": userCols},
			from:    "`ns_nexopos_payments_types` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_payments_types`.`author` = `ns_user`.`id`",
			defSort: "nexopos_payments_types.id", defDir: "asc"}, true
	case "ns.units":
		return crudSource{main: "nexopos_units", tables: map[string][]string{"nexopos_units": unitCols, "user": userCols, "group": simpleCols},
			from:    "`ns_nexopos_units` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_units`.`author` = `ns_user`.`id` left join `ns_nexopos_units_groups` as `ns_group` on `ns_nexopos_units`.`group_id` = `ns_group`.`id`",
			defSort: "nexopos_units.id", defDir: "asc"}, true
	case "ns.units-groups":
		return crudSource{main: "nexopos_units_groups", tables: map[string][]string{"nexopos_units_groups": simpleCols, "user": userCols},
			from:    "`ns_nexopos_units_groups` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_units_groups`.`author` = `ns_user`.`id`",
			defSort: "nexopos_units_groups.id", defDir: "asc"}, true
	case "ns.taxes":
		return crudSource{main: "nexopos_taxes", tables: map[string][]string{"nexopos_taxes": taxCols, "user": userCols, "group": simpleCols},
			from:    "`ns_nexopos_taxes` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_taxes`.`author` = `ns_user`.`id` left join `ns_nexopos_taxes_groups` as `ns_group` on `ns_nexopos_taxes`.`tax_group_id` = `ns_group`.`id`",
			defSort: "nexopos_taxes.id", defDir: "asc"}, true
	case "ns.taxes-groups":
		return crudSource{main: "nexopos_taxes_groups", tables: map[string][]string{"nexopos_taxes_groups": simpleCols, "user": userCols},
			from:    "`ns_nexopos_taxes_groups` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_taxes_groups`.`author` = `ns_user`.`id`",
			defSort: "nexopos_taxes_groups.id", defDir: "asc"}, true
	case "ns.products-units":
		return unitQuantitiesSource(), true
	case "ns.customers-groups":
		return crudSource{main: "nexopos_customers_groups", tables: map[string][]string{"nexopos_customers_groups": groupCols, "user": userCols},
			from:    "`ns_nexopos_customers_groups` inner join `ns_nexopos_users` as `ns_user` on `ns_nexopos_customers_groups`.`author` = `ns_user`.`id`",
			defSort: "nexopos_customers_groups.id", defDir: "asc"}, true
	}
	return crudSource{}, false
}

// resolve maps a column reference to "table.column" the way MySQL would,
// or reports the error MySQL would raise.
func (src crudSource) resolve(ref string) (string, string) {
	if t, col, ok := strings.Cut(ref, "."); ok {
		t = strings.TrimPrefix(strings.Trim(t, "`"), "ns_")
		col = strings.Trim(col, "`")
		cols, known := src.tables[t]
		if !known || !contains(cols, col) {
			return "", "Column not found: 1054 Unknown column '" + ref + "'"
		}
		return t + "." + col, ""
	}
	var found []string
	for t, cols := range src.tables {
		if contains(cols, ref) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 0:
		return "", "Column not found: 1054 Unknown column '" + ref + "'"
	case 1:
		return found[0] + "." + ref, ""
	}
	return "", "Integrity constraint violation: 1052 Column '" + ref + "'"
}

func sqlState(msg string) string {
	if strings.Contains(msg, "1052") {
		return "23000"
	}
	return "42S22"
}

// crudList is GET /api/crud/{namespace}: the rows filtered by
// queryFilters and search, sorted, and one page of them rendered.
func (c *call) crudList() (any, *apiError) {
	ns := c.param(0)
	src, ok := crudSources(ns)
	if !ok {
		return nil, errException("Unable to find a CRUD resource matching the namespace \"%s\".", ns)
	}
	rk, rows := c.crudRows(ns)

	// queryFilters
	if qf := c.query.Get("queryFilters"); qf != "" {
		// NexoPOS url-decodes the parameter once more after Laravel did
		// (urldecode: "+" is a space), so clients escape it twice.
		if un, err := url.QueryUnescape(qf); err == nil {
			qf = un
		}
		v, err := decodeOrdered([]byte(qf))
		if filters, isObj := v.(obj); err == nil && isObj {
			for _, f := range filters {
				key, msg := src.resolve(f.k)
				if msg != "" {
					kind := " in 'where clause'"
					if strings.Contains(msg, "1052") {
						kind = " in WHERE is ambiguous"
					}
					return nil, errException("SQLSTATE[%s]: %s%s (Connection: mysql, SQL: select count(*) as aggregate from %s where `%s` = %s)",
						sqlState(msg), msg, kind, src.from, f.k, str(f.v))
				}
				want := f.v
				var kept []crudRow
				for i := range rows {
					if rawEqual(rk.rawValues(&rows[i])[key], want) {
						kept = append(kept, rows[i])
					}
				}
				rows = kept
			}
		}
	}
	// search
	if s := strings.ToLower(c.query.Get("search")); s != "" {
		var kept []crudRow
		for i := range rows {
			if strings.Contains(strings.ToLower(rk.searchText(&rows[i])), s) {
				kept = append(kept, rows[i])
			}
		}
		rows = kept
	}
	// sort
	sortKey, dir := src.defSort, src.defDir
	active := c.query.Get("active")
	if active != "" {
		// the sort column is qualified with the main table when it is bare
		ref := active
		if !strings.Contains(active, ".") {
			ref = src.main + "." + active
		}
		key, msg := src.resolve(ref)
		if msg != "" {
			kind := " in 'order clause'"
			if strings.Contains(msg, "1052") {
				kind = " in order clause is ambiguous"
			}
			return nil, errException("SQLSTATE[%s]: %s%s (Connection: mysql, SQL: select * from %s order by `%s` %s)", sqlState(msg), msg, kind, src.from, active, c.query.Get("direction"))
		}
		sortKey = key
		dir = "asc"
		if strings.EqualFold(c.query.Get("direction"), "desc") {
			dir = "desc"
		}
	}
	desc := dir == "desc"
	if ns == "ns.customers" && !c.query.Has("active") && c.h.cfg.version != V6 {
		// CustomerCrud::hook (4.x, 5.x) orders by updated_at desc; it only
		// runs when the query has no active. MySQL leaves the order of ties
		// unspecified: they come in descending id order here.
		sortByTime(rk, rows, true, true, true)
	} else {
		sortRows(rk, rows, src.main, sortKey, desc)
	}
	return c.paginate(ns, rk, rows), nil
}

// sortRows orders rows by a column ("table.column"), as a stable sort by
// id and then a stable sort by the column's raw values do. The main
// table's id, created_at and updated_at are read from the records and
// build no raw values.
func sortRows(rk *crudKind, rows []crudRow, main, key string, desc bool) {
	sortByID(rows)
	switch {
	case key == main+".id":
		if desc {
			sortByIDDesc(rows)
		}
		return
	case rk.times != nil && (key == main+".updated_at" || key == main+".created_at"):
		if sortByTime(rk, rows, key == main+".updated_at", desc, false) {
			return
		}
	}
	sortByRaw(rk, rows, key, desc)
}

// sortByRaw orders rows, stably, by the raw values of a column.
func sortByRaw(rk *crudKind, rows []crudRow, key string, desc bool) {
	sort.SliceStable(rows, func(i, j int) bool {
		x := compareRaw(rk.rawValues(&rows[i])[key], rk.rawValues(&rows[j])[key])
		if desc {
			return x > 0
		}
		return x < 0
	})
}

// sortByID orders rows by id, keeping the order of equal ids; the records
// usually come in id order already.
func sortByID(rows []crudRow) {
	for i := 1; i < len(rows); i++ {
		if rows[i].id < rows[i-1].id {
			sort.SliceStable(rows, func(i, j int) bool { return rows[i].id < rows[j].id })
			return
		}
	}
}

// sortByIDDesc orders rows sorted by id in descending id order, keeping
// the order of equal ids as a stable sort does.
func sortByIDDesc(rows []crudRow) {
	for i := 1; i < len(rows); i++ {
		if rows[i].id == rows[i-1].id {
			sort.SliceStable(rows, func(i, j int) bool { return rows[i].id > rows[j].id })
			return
		}
	}
	slices.Reverse(rows)
}

// Dates sort as the "YYYY-MM-DD HH:MM:SS" text of their raw values, which
// is their order in seconds for the years 0000 to 9999.
var (
	minSortTime = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxSortTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
)

// sortByTime orders rows, sorted by id, by the main table's updated_at (or
// created_at) from their records. Ties keep their order, as a stable sort
// of the raw values does; it then reports false, leaving rows as they are,
// when a date falls outside the years whose text sorts as the date. With
// newestTies, ties come in descending id order and every date sorts.
func sortByTime(kind *crudKind, rows []crudRow, updated, desc, newestTies bool) bool {
	type item struct {
		at  int64
		pos int
		row crudRow
	}
	items := make([]item, len(rows))
	for i, r := range rows {
		created, upd := kind.times(r.rec)
		t := created
		if updated {
			t = upd
		}
		at := t.Unix()
		if !newestTies && (at < minSortTime || at > maxSortTime) {
			return false
		}
		items[i] = item{at, i, r}
	}
	slices.SortFunc(items, func(a, b item) int {
		c := cmp.Compare(a.at, b.at)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		if newestTies {
			return cmp.Compare(b.row.id, a.row.id)
		}
		return cmp.Compare(a.pos, b.pos)
	})
	for i, it := range items {
		rows[i] = it.row
	}
	return true
}

func rawEqual(have, want any) bool {
	switch w := want.(type) {
	case obj:
		// {"comparison": ">", "value": x}
		cmp := str(w.val("comparison"))
		x := compareRaw(have, w.val("value"))
		switch cmp {
		case ">":
			return x > 0
		case ">=":
			return x >= 0
		case "<":
			return x < 0
		case "<=":
			return x <= 0
		case "<>", "!=":
			return x != 0
		}
		return x == 0
	case []any:
		for _, e := range w {
			if rawEqual(have, e) {
				return true
			}
		}
		return false
	}
	if want == nil {
		return have == nil
	}
	if isNumeric(have) && isNumeric(want) {
		return num(have) == num(want)
	}
	return str(have) == str(want)
}

func compareRaw(a, b any) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		}
		return 1
	}
	if isNumeric(a) && isNumeric(b) {
		x, y := num(a), num(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(strings.ToLower(str(a)), strings.ToLower(str(b)))
}

func (c *call) paginate(ns string, kind *crudKind, rows []crudRow) obj {
	perPage := 20
	if v, err := strconv.Atoi(c.query.Get("per_page")); err == nil && v > 0 {
		perPage = v
	}
	page := 1
	if v, err := strconv.Atoi(c.query.Get("page")); err == nil && v > 0 {
		page = v
	}
	total := len(rows)
	last := int(math.Max(1, math.Ceil(float64(total)/float64(perPage))))
	path := c.base + c.h.Prefix() + "/crud/" + ns
	pageURL := func(p int) string { return path + "?page=" + strconv.Itoa(p) }
	start := (page - 1) * perPage
	data := []any{}
	var from, to any
	if start < total {
		end := start + perPage
		if end > total {
			end = total
		}
		for i := start; i < end; i++ {
			data = append(data, kind.displayRow(&rows[i]))
		}
		from, to = start+1, end
	}
	var prev, next any
	if page > 1 {
		prev = pageURL(page - 1)
	}
	if page < last {
		next = pageURL(page + 1)
	}
	links := []any{obj{{"url", prev}, {"label", "&laquo; Previous"}, {"active", false}}}
	for _, p := range pageWindow(page, last) {
		if p == 0 {
			links = append(links, obj{{"url", nil}, {"label", "..."}, {"active", false}})
			continue
		}
		links = append(links, obj{{"url", pageURL(p)}, {"label", strconv.Itoa(p)}, {"active", p == page}})
	}
	links = append(links, obj{{"url", next}, {"label", "Next &raquo;"}, {"active", false}})
	return obj{
		{"current_page", page}, {"data", data}, {"first_page_url", pageURL(1)}, {"from", from}, {"last_page", last},
		{"last_page_url", pageURL(last)}, {"links", links}, {"next_page_url", next}, {"path", path}, {"per_page", perPage},
		{"prev_page_url", prev}, {"to", to}, {"total", total},
	}
}

// pageWindow is Laravel's UrlWindow with onEachSide 3; 0 marks "...".
func pageWindow(page, last int) []int {
	var out []int
	if last < 14 {
		for p := 1; p <= last; p++ {
			out = append(out, p)
		}
		return out
	}
	add := func(a, b int) {
		for p := a; p <= b; p++ {
			out = append(out, p)
		}
	}
	switch {
	case page <= 7:
		add(1, 10)
		out = append(out, 0)
		add(last-1, last)
	case page > last-7:
		add(1, 2)
		out = append(out, 0)
		add(last-9, last)
	default:
		add(1, 2)
		out = append(out, 0)
		add(page-3, page+3)
		out = append(out, 0)
		add(last-1, last)
	}
	return out
}

func action(identifier, label, url, typ string, confirm any) obj {
	return obj{{"label", label}, {"identifier", identifier}, {"url", url}, {"confirm", confirm}, {"type", typ}, {"permissions", []any{}}}
}

func confirmDelete() obj { return obj{{"message", "Would you like to delete this ?"}} }

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func rowHead(id int64) obj {
	return obj{{"$checked", false}, {"$toggled", false}, {"$id", id}}
}

// prefixed returns the columns of o with a prefix, as joined columns appear.
func prefixed(prefix string, o obj, skip ...string) obj {
	var out obj
	for _, p := range o {
		if contains(skip, p.k) {
			continue
		}
		out = append(out, kv{prefix + p.k, p.v})
	}
	return out
}

// rawOf keys the values of o as "table.column".
func rawOf(dst map[string]any, table string, o obj) {
	for _, p := range o {
		dst[table+"."+p.k] = p.v
	}
}

// sqlDates rewrites the ISO dates of a row into SQL datetimes and booleans
// into 0/1, as raw rows of a query builder come back.
func sqlRow(o obj) obj {
	out := make(obj, len(o))
	for i, p := range o {
		v := p.v
		switch x := v.(type) {
		case bool:
			v = b2i(x)
		case string:
			if len(x) == 27 && strings.HasSuffix(x, ".000000Z") && x[10] == 'T' {
				v = x[:10] + " " + x[11:19]
			}
		}
		out[i] = kv{p.k, v}
	}
	return out
}

func (st *state) userRow(withPassword bool) obj {
	u := sqlRow(st.userJSON(withPassword))
	if withPassword {
		// raw rows also carry the remember token
		var out obj
		for _, p := range u {
			out = append(out, p)
			if p.k == "activation_token" {
				out = append(out, kv{"remember_token", nil})
			}
		}
		return out
	}
	return u
}

func operationLabel(op string) string {
	switch op {
	case "procured":
		return "Stocked"
	case "void-return":
		return "Void Return"
	case "return-adjustment":
		return "Return Adjustment"
	case "sale-adjustment":
		return "Sale Adjustment"
	case "incoming-transfer":
		return "Incoming Transfer"
	case "outgoing-transfer":
		return "Outgoing Transfer"
	case "transfer-rejected":
		return "Transfer Rejected"
	case "transfer-canceled":
		return "Transfer Canceled"
	case "convert-in":
		return "Convert In"
	case "convert-out":
		return "Convert Out"
	}
	if op == "" {
		return ""
	}
	return strings.ToUpper(op[:1]) + op[1:]
}

func crudPaymentLabel(s string) string {
	if s == statusVoid {
		return "Voided"
	}
	return paymentLabel(s)
}

func historyCSS(op string) string {
	if contains(increaseActions, op) {
		return "info border text-sm"
	}
	return "success border text-sm"
}

// crudRows returns the rows of a namespace in the order of its records,
// with the kind that builds them.
func (c *call) crudRows(ns string) (*crudKind, []crudRow) {
	st := c.h.st
	base := c.base
	id := func(i int64) string { return strconv.FormatInt(i, 10) }
	k := &crudKind{stats: &c.h.crudStats}
	var rows []crudRow
	switch ns {
	case "ns.products-units":
		rows = c.unitQuantityRows(k)
	case "ns.products":
		k.raw = func(rec any) map[string]any {
			p := rec.(*Product)
			raw := map[string]any{}
			rawOf(raw, "nexopos_products", sqlRow(st.productJSON(p)))
			if ct := st.category(p.CategoryID); ct != nil {
				raw["category.name"] = ct.Name
			}
			return raw
		}
		k.display = func(rec any) obj {
			p := rec.(*Product)
			d := sqlRow(st.productJSON(p))
			cls := "text-info-tertiary"
			label := "Materialized Product"
			switch p.Type {
			case "grouped":
				cls, label = "text-success-tertiary", "Grouped Product"
			case "dematerialized":
				label = "Dematerialized Product"
			}
			d.set("type", `<strong class="`+cls+` ">`+label+`</strong>`)
			d.set("status", map[bool]string{true: "Available", false: "Hidden"}[p.Status == "available"])
			d.set("stock_management", map[bool]string{true: "Enabled", false: "Disabled"}[p.StockManagement == "enabled"])
			catName := "Unassigned"
			if ct := st.category(p.CategoryID); ct != nil {
				catName = ct.Name
			}
			d = append(d, kv{"user_username", st.admin.Username}, kv{"category_name", catName}, kv{"parent_name", nil})
			var tg *TaxGroup
			if p.TaxGroupID != nil {
				tg = st.taxGroup(*p.TaxGroupID)
			}
			if tg != nil {
				d = append(d, prefixed("taxes_groups_", sqlRow(st.taxGroupJSON(tg, false)))...)
			} else {
				for _, col := range simpleCols {
					d = append(d, kv{"taxes_groups_" + col, nil})
				}
			}
			d = append(d, rowHead(p.ID)...)
			d = append(d, kv{"rawType", p.Type}, kv{"rawStockManagement", p.StockManagement})
			d = append(d, kv{"$actions", obj{
				{"edit", action("edit", `<i class="mr-2 las la-edit"></i> Edit`, base+"/dashboard/products/edit/"+id(p.ID), "GOTO", nil)},
				{"ns.quantities", action("ns.quantities", `<i class="mr-2 las la-eye"></i> Preview`, base+"/dashboard/products/edit/"+id(p.ID), "POPUP", nil)},
				{"units", action("units", `<i class="mr-2 las la-balance-scale-left"></i> See Quantities`, base+"/dashboard/products/"+id(p.ID)+"/units", "GOTO", nil)},
				{"history", action("history", `<i class="mr-2 las la-history"></i> See History`, base+"/dashboard/products/"+id(p.ID)+"/history", "GOTO", nil)},
				{"delete", action("delete", `<i class="mr-2 las la-trash"></i> Delete`, base+"/api/crud/ns.products/"+id(p.ID), "DELETE", confirmDelete())},
			}})
			return d
		}
		k.search = func(rec any) string {
			p := rec.(*Product)
			return p.Name + " " + p.SKU + " " + p.Barcode
		}
		k.times = func(rec any) (time.Time, time.Time) {
			p := rec.(*Product)
			return p.CreatedAt, p.UpdatedAt
		}
		rows = rowsOf(st.products, func(p *Product) int64 { return p.ID })
	case "ns.orders":
		k.raw = func(rec any) map[string]any {
			o := rec.(*Order)
			raw := map[string]any{}
			rawOf(raw, "nexopos_orders", st.orderJSON(o))
			if cu := st.customer(o.CustomerID); cu != nil {
				raw["customer.first_name"] = cu.FirstName
			}
			return raw
		}
		k.display = func(rec any) obj {
			o := rec.(*Order)
			d := st.orderJSON(o)
			d.set("type", typeLabel(o.Type))
			d.set("payment_status", crudPaymentLabel(o.PaymentStatus))
			d.set("process_status", processLabel(o.ProcessStatus))
			d.set("delivery_status", processLabel(o.DeliveryStatus))
			d.set("discount", usd(o.Discount))
			d.set("support_instalments", 1)
			d.set("total", usd(o.Total))
			d.set("tax_value", usd(0))
			var first, phone any
			if cu := st.customer(o.CustomerID); cu != nil {
				first = cu.FirstName
				phone = "Not Defined"
				if cu.Phone != nil && *cu.Phone != "" {
					phone = *cu.Phone
				}
			}
			d = append(d, kv{"author_username", st.admin.Username}, kv{"customer_first_name", first}, kv{"customer_phone", phone})
			d = append(d, rowHead(o.ID)...)
			d = append(d, kv{"$cssClass", orderCSS[o.PaymentStatus]})
			d = append(d, kv{"$actions", obj{
				{"ns.order-options", action("ns.order-options", `<i class="mr-2 las la-cogs"></i> Options`, base+"/dashboard/orders/edit/"+id(o.ID), "POPUP", nil)},
				{"invoice", action("invoice", `<i class="mr-2 las la-file-invoice-dollar"></i> Invoice`, base+"/dashboard/orders/invoice/"+id(o.ID), "GOTO", nil)},
				{"receipt", action("receipt", `<i class="mr-2 las la-receipt"></i> Receipt`, base+"/dashboard/orders/receipt/"+id(o.ID), "GOTO", nil)},
				{"delete", action("delete", `<i class="mr-2 las la-trash"></i> Delete`, base+"/api/crud/ns.orders/"+id(o.ID), "DELETE", confirmDelete())},
			}})
			return d
		}
		k.search = func(rec any) string {
			o := rec.(*Order)
			cust := ""
			if cu := st.customer(o.CustomerID); cu != nil {
				cust = cu.FirstName + " " + nullS(cu.LastName)
			}
			return o.Code + " " + cust
		}
		k.times = func(rec any) (time.Time, time.Time) {
			o := rec.(*Order)
			return o.CreatedAt, o.UpdatedAt
		}
		rows = rowsOf(st.orders, func(o *Order) int64 { return o.ID })
	case "ns.customers":
		// the admin row is a *user, the others *Customer
		k.raw = func(rec any) map[string]any {
			raw := map[string]any{}
			if _, admin := rec.(*user); admin {
				rawOf(raw, "nexopos_users", st.userRow(true))
				return raw
			}
			cu := rec.(*Customer)
			rawOf(raw, "nexopos_users", st.customerJSON(cu, sqlTime))
			if cu.GroupID != nil {
				if gr := st.group(*cu.GroupID); gr != nil {
					raw["group.name"] = gr.Name
				}
			}
			return raw
		}
		k.display = func(rec any) obj {
			if _, admin := rec.(*user); admin {
				d := st.userRow(true)
				d.set("gender", "Not Defined")
				d.set("first_name", "Not Defined")
				d.set("last_name", "Not Defined")
				d.set("phone", "Not Defined")
				d.set("purchases_amount", usd(0))
				d.set("owed_amount", usd(0))
				d.set("account_amount", usd(0))
				d = append(d, kv{"group_name", nil}, kv{"user_id", st.admin.ID}, kv{"user_username", st.admin.Username})
				d = append(d, rowHead(st.admin.ID)...)
				return append(d, kv{"$actions", customerActions(base, st.admin.ID)})
			}
			cu := rec.(*Customer)
			d := st.customerJSON(cu, sqlTime)
			nd := func(col string, p *string) {
				if p == nil || *p == "" {
					d.set(col, "Not Defined")
				}
			}
			if cu.FirstName == "" {
				d.set("first_name", "Not Defined")
			}
			nd("last_name", cu.LastName)
			nd("phone", cu.Phone)
			g := "Not Defined"
			if cu.Gender != nil && *cu.Gender != "" {
				g = strings.ToUpper((*cu.Gender)[:1]) + (*cu.Gender)[1:]
			}
			d.set("gender", g)
			d.set("purchases_amount", usd(cu.PurchasesAmount))
			d.set("owed_amount", usd(cu.OwedAmount))
			d.set("account_amount", usd(cu.AccountAmount))
			var gname any
			if cu.GroupID != nil {
				if gr := st.group(*cu.GroupID); gr != nil {
					gname = gr.Name
				}
			}
			d = append(d, kv{"group_name", gname}, kv{"user_id", st.admin.ID}, kv{"user_username", st.admin.Username})
			d = append(d, rowHead(cu.ID)...)
			return append(d, kv{"$actions", customerActions(base, cu.ID)})
		}
		k.search = func(rec any) string {
			if u, admin := rec.(*user); admin {
				return u.Username + " " + u.Email
			}
			cu := rec.(*Customer)
			return cu.FirstName + " " + nullS(cu.LastName) + " " + cu.Email + " " + nullS(cu.Phone) + " " + cu.Username
		}
		k.times = func(rec any) (time.Time, time.Time) {
			if u, admin := rec.(*user); admin {
				return u.CreatedAt, u.UpdatedAt
			}
			cu := rec.(*Customer)
			return cu.CreatedAt, cu.UpdatedAt
		}
		rows = make([]crudRow, 0, len(st.customers)+1)
		if c.query.Has("active") { // the trap: sorting skips the customer-role hook
			rows = append(rows, crudRow{id: st.admin.ID, rec: &st.admin})
		}
		for _, cu := range st.customers {
			rows = append(rows, crudRow{id: cu.ID, rec: cu})
		}
	case "ns.global-products-history":
		k.raw = historyRaw(st)
		k.display = func(rec any) obj {
			e := rec.(*HistoryEntry)
			return c.historyDisplay(e, sqlRow(st.historyJSON(e)))
		}
		k.search = historySearch
		k.times = historyTimes
		rows = rowsOf(st.history, func(e *HistoryEntry) int64 { return e.ID })
	case "ns.products-histories":
		k.raw = historyRaw(st)
		k.display = func(rec any) obj {
			e := rec.(*HistoryEntry)
			d := sqlRow(st.historyJSON(e))
			d.set("operation_type", operationLabel(e.OperationType))
			d.set("unit_price", usd(e.UnitPrice))
			d.set("total_price", usd(e.TotalPrice))
			var pname, uname any
			if p := st.product(e.ProductID); p != nil {
				pname = p.Name
			}
			if u := st.unit(e.UnitID); u != nil {
				uname = u.Name
			}
			code := "N/A"
			if e.OrderID != nil {
				if o := st.order(*e.OrderID); o != nil {
					code = o.Code
				}
			}
			d = append(d, kv{"products_name", pname}, kv{"units_name", uname}, kv{"users_username", st.admin.Username},
				kv{"procurements_name", "N/A"}, kv{"orders_code", code})
			d = append(d, rowHead(e.ID)...)
			d = append(d, kv{"$cssClass", historyCSS(e.OperationType)})
			return append(d, kv{"$actions", obj{{"ns.description", action("ns.description", `<i class="mr-2 las la-eye"></i> Description`, "javascript:void(0)", "POPUP", nil)}}})
		}
		k.search = historySearch
		k.times = historyTimes
		keep := idFilter(c.query.Get("product_id"))
		for _, e := range st.history {
			if keep(e.ProductID) {
				rows = append(rows, crudRow{id: e.ID, rec: e})
			}
		}
	case "ns.products-categories":
		k.raw = func(rec any) map[string]any {
			raw := map[string]any{}
			rawOf(raw, "nexopos_products_categories", sqlRow(st.categoryJSON(rec.(*Category))))
			return raw
		}
		k.display = func(rec any) obj {
			ct := rec.(*Category)
			d := sqlRow(st.categoryJSON(ct))
			d.set("displays_on_pos", "Yes")
			d = append(d, kv{"user_username", st.admin.Username}, kv{"parent_name", st.parentName(ct)})
			d = append(d, rowHead(ct.ID)...)
			return append(d, kv{"$actions", obj{
				{"edit", action("edit", "Edit", base+"/dashboard/products/categories/edit/"+id(ct.ID), "GOTO", nil)},
				{"compute", action("compute", "Compute Products", base+"/dashboard/products/categories/compute-products/"+id(ct.ID), "GOTO", nil)},
				{"delete", action("delete", "Delete", base+"/api/crud/ns.products-categories/"+id(ct.ID), "DELETE", confirmDelete())},
			}})
		}
		k.search = func(rec any) string { return rec.(*Category).Name }
		rows = rowsOf(st.categories, func(ct *Category) int64 { return ct.ID })
	case "ns.payments-types":
		row := func(p *PaymentType) obj {
			return obj{{"id", p.ID}, {"label", p.Label}, {"identifier", p.Identifier}, {"priority", p.Priority}, {"description", nil},
				{"author", p.Author}, {"active", b2i(p.Active)}, {"readonly", b2i(p.Readonly)}, {"created_at", sqlTime(p.CreatedAt)}, {"updated_at", sqlTime(p.UpdatedAt)}}
		}
		k.raw = func(rec any) map[string]any {
			raw := map[string]any{}
			rawOf(raw, "nexopos_payments_types", row(rec.(*PaymentType)))
			return raw
		}
		k.display = func(rec any) obj {
			p := rec.(*PaymentType)
			d := row(p)
			d.set("active", yesNo(p.Active))
			d.set("readonly", yesNo(p.Readonly))
			d = append(d, kv{"user_username", st.admin.Username})
			d = append(d, rowHead(p.ID)...)
			return append(d, kv{"$actions", editDelete(base, "/dashboard/orders/payments-types/edit/", ns, p.ID)})
		}
		k.search = func(rec any) string {
			p := rec.(*PaymentType)
			return p.Label + " " + p.Identifier
		}
		rows = rowsOf(st.paymentTypes, func(p *PaymentType) int64 { return p.ID })
	case "ns.units":
		c.simpleKind(k, ns, "nexopos_units", "/dashboard/units/edit/", func(rec any) (int64, obj) {
			u := rec.(*Unit)
			row := sqlRow(st.unitJSON(u))
			row.set("base_unit", yesNo(u.BaseUnit))
			return u.ID, row
		})
		simple := k.display
		k.display = func(rec any) obj {
			var g obj
			if ug := st.unitGroup(rec.(*Unit).GroupID); ug != nil {
				g = prefixed("group_", sqlRow(st.unitGroupJSON(ug)), "id")
			} else {
				for _, col := range simpleCols[1:] {
					g = append(g, kv{"group_" + col, nil})
				}
			}
			return insertBefore(simple(rec), "$checked", g)
		}
		k.search = func(rec any) string {
			u := rec.(*Unit)
			return u.Name + " " + u.Identifier
		}
		rows = rowsOf(st.units, func(u *Unit) int64 { return u.ID })
	case "ns.units-groups":
		c.simpleKind(k, ns, "nexopos_units_groups", "/dashboard/units/groups/edit/", func(rec any) (int64, obj) {
			g := rec.(*UnitGroup)
			return g.ID, sqlRow(st.unitGroupJSON(g))
		})
		k.search = func(rec any) string { return rec.(*UnitGroup).Name }
		rows = rowsOf(st.unitGroups, func(g *UnitGroup) int64 { return g.ID })
	case "ns.taxes":
		c.simpleKind(k, ns, "nexopos_taxes", "/dashboard/taxes/edit/", func(rec any) (int64, obj) {
			t := rec.(*Tax)
			return t.ID, sqlRow(st.taxJSON(t))
		})
		k.search = func(rec any) string { return rec.(*Tax).Name }
		rows = rowsOf(st.taxes, func(t *Tax) int64 { return t.ID })
	case "ns.taxes-groups":
		c.simpleKind(k, ns, "nexopos_taxes_groups", "/dashboard/taxes/groups/edit/", func(rec any) (int64, obj) {
			g := rec.(*TaxGroup)
			return g.ID, sqlRow(st.taxGroupJSON(g, false))
		})
		k.search = func(rec any) string { return rec.(*TaxGroup).Name }
		rows = rowsOf(st.taxGroups, func(g *TaxGroup) int64 { return g.ID })
	case "ns.customers-groups":
		c.simpleKind(k, ns, "nexopos_customers_groups", "/dashboard/customers/groups/edit/", func(rec any) (int64, obj) {
			g := rec.(*CustomerGroup)
			return g.ID, sqlRow(st.customerGroupJSON(g))
		})
		k.search = func(rec any) string { return rec.(*CustomerGroup).Name }
		rows = rowsOf(st.groups, func(g *CustomerGroup) int64 { return g.ID })
	}
	return k, rows
}

// rowsOf makes the unbuilt rows of a list of records.
func rowsOf[T any](recs []*T, idOf func(*T) int64) []crudRow {
	rows := make([]crudRow, len(recs))
	for i, r := range recs {
		rows[i] = crudRow{id: idOf(r), rec: r}
	}
	return rows
}

// idFilter matches the ids a query parameter such as product_id keeps:
// those that print as the parameter, or all when it is empty.
func idFilter(s string) func(int64) bool {
	if s == "" {
		return func(int64) bool { return true }
	}
	want, err := strconv.ParseInt(s, 10, 64)
	if err != nil || strconv.FormatInt(want, 10) != s {
		return func(int64) bool { return false } // no id prints as s
	}
	return func(id int64) bool { return id == want }
}

// orderCSS is the $cssClass of an ns.orders row by payment status.
var orderCSS = map[string]string{statusPaid: "success border text-sm", statusUnpaid: "danger border text-sm", statusPartially: "info border text-sm",
	statusHold: "danger border text-sm", statusVoid: "error border text-sm", statusRefunded: "default border text-sm",
	statusPartiallyRefunded: "default border text-sm", statusDue: "danger border text-sm", statusPartiallyDue: "danger border text-sm"}

func historyRaw(st *state) func(rec any) map[string]any {
	return func(rec any) map[string]any {
		raw := map[string]any{}
		rawOf(raw, "nexopos_products_histories", sqlRow(st.historyJSON(rec.(*HistoryEntry))))
		return raw
	}
}

func historySearch(rec any) string { return rec.(*HistoryEntry).OperationType }

// historyTimes gives a history row's dates: it is never updated.
func historyTimes(rec any) (time.Time, time.Time) {
	e := rec.(*HistoryEntry)
	return e.CreatedAt, e.CreatedAt
}

// simpleKind sets the raw values and display of a namespace whose rows are
// their table's columns followed by the author's and edit/delete actions.
func (c *call) simpleKind(k *crudKind, ns, table, editPath string, row func(rec any) (int64, obj)) {
	k.raw = func(rec any) map[string]any {
		_, r := row(rec)
		raw := map[string]any{}
		rawOf(raw, table, r)
		return raw
	}
	k.display = func(rec any) obj {
		rid, d := row(rec)
		d = append(d, prefixed("user_", c.h.st.userRow(true))...)
		d = append(d, rowHead(rid)...)
		return append(d, kv{"$actions", editDelete(c.base, editPath, ns, rid)})
	}
}

func editDelete(base, editPath, ns string, id int64) obj {
	s := strconv.FormatInt(id, 10)
	return obj{
		{"edit", action("edit", "Edit", base+editPath+s, "GOTO", nil)},
		{"delete", action("delete", "Delete", base+"/api/crud/"+ns+"/"+s, "DELETE", confirmDelete())},
	}
}

func customerActions(base string, id int64) obj {
	s := strconv.FormatInt(id, 10)
	return obj{
		{"edit_customers_group", action("edit_customers_group", "Edit", base+"/dashboard/customers/edit/"+s, "GOTO", nil)},
		{"customers_orders", action("customers_orders", "Orders", base+"/dashboard/customers/"+s+"/orders", "GOTO", nil)},
		{"customers_rewards", action("customers_rewards", "Rewards", base+"/dashboard/customers/"+s+"/rewards", "GOTO", nil)},
		{"customers_coupons", action("customers_coupons", "Coupons", base+"/dashboard/customers/"+s+"/coupons", "GOTO", nil)},
		{"customers_history", action("customers_history", "Wallet History", base+"/dashboard/customers/"+s+"/account-history", "GOTO", nil)},
		{"delete", action("delete", "Delete", base+"/api/crud/ns.customers/"+s, "DELETE", obj{{"message", "Would you like to delete this ?"}, {"title", "Delete a customers"}})},
	}
}

// ---- CRUD writes ----

// crudForm lists a namespace's form fields in form order.
var crudForms = map[string][]string{
	"ns.taxes-groups":        {"name", "description"},
	"ns.taxes":               {"name", "tax_group_id", "rate", "description"},
	"ns.units-groups":        {"name", "description"},
	"ns.units":               {"name", "identifier", "preview_url", "value", "group_id", "base_unit", "description"},
	"ns.customers-groups":    {"name", "reward_system_id", "minimal_credit_payment", "description"},
	"ns.payments-types":      {"label", "identifier", "priority", "active", "description"},
	"ns.products-categories": {"name", "parent_id", "media_id", "displays_on_pos", "description"},
}

var crudRequired = map[string][]string{
	"ns.taxes-groups":        {"name"},
	"ns.taxes":               {"name", "general.rate", "general.tax_group_id"},
	"ns.units-groups":        {"name"},
	"ns.units":               {"name", "general.identifier", "general.value", "general.group_id"},
	"ns.customers-groups":    {"name"},
	"ns.payments-types":      {"label", "general.identifier"},
	"ns.products-categories": {"name"},
}

// crudValue converts an input as the CRUD stores and echoes it: numbers as
// strings, booleans and null kept.
func crudValue(v any) any {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	return v
}

func (c *call) flatInputs() obj {
	var flat obj
	for _, p := range c.body {
		if o, ok := p.v.(obj); ok {
			for _, q := range o {
				flat.set(q.k, q.v)
			}
			continue
		}
		flat.set(p.k, p.v)
	}
	return flat
}

func (c *call) crudValidate(ns string) *apiError {
	var msgs []string
	for _, path := range crudRequired[ns] {
		var v any
		var ok bool
		if tab, k, nested := strings.Cut(path, "."); nested {
			v, ok = c.body.sub(tab).get(k)
		} else {
			v, ok = c.body.get(path)
		}
		if !ok || v == nil || (isString(v) && strings.TrimSpace(str(v)) == "") {
			msgs = append(msgs, "The "+strings.ReplaceAll(path, "_", " ")+" field is required.")
		}
	}
	return validationError(msgs)
}

func (c *call) crudCreate() (any, *apiError) {
	ns := c.param(0)
	if ns == "ns.customers" {
		return c.crudCreateCustomer()
	}
	form, ok := crudForms[ns]
	if !ok {
		return nil, errException("Unable to find a CRUD resource matching the namespace \"%s\".", ns)
	}
	if e := c.crudValidate(ns); e != nil {
		return nil, e
	}
	st := c.h.st
	now := c.h.now()
	in := c.flatInputs()
	entry := obj{}
	for _, k := range form {
		v, ok := in.get(k)
		switch {
		case ok:
			entry = append(entry, kv{k, crudValue(v)})
		case k == "minimal_credit_payment":
			entry = append(entry, kv{k, 0})
		case k == "description" || k == "preview_url" || k == "reward_system_id":
			entry = append(entry, kv{k, nil})
		}
	}
	var newID int64
	editURL := any(false)
	switch ns {
	case "ns.taxes-groups":
		g := &TaxGroup{ID: st.next("tax_groups"), Name: str(in.val("name")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
		st.taxGroups = append(st.taxGroups, g)
		newID = g.ID
		editURL = c.base + "/dashboard/taxes/groups/edit/" + strconv.FormatInt(g.ID, 10)
	case "ns.taxes":
		gid := int64(num(in.val("tax_group_id")))
		if st.taxGroup(gid) == nil {
			return nil, errException("SQLSTATE[23000]: Integrity constraint violation: 1452 Cannot add or update a child row: a foreign key constraint fails")
		}
		t := &Tax{ID: st.next("taxes"), Name: str(in.val("name")), Rate: num(in.val("rate")), TaxGroupID: gid, Author: st.author(), CreatedAt: now, UpdatedAt: now}
		st.taxes = append(st.taxes, t)
		newID = t.ID
	case "ns.units-groups":
		g := &UnitGroup{ID: st.next("unit_groups"), Name: str(in.val("name")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
		st.unitGroups = append(st.unitGroups, g)
		newID = g.ID
	case "ns.units":
		u := &Unit{ID: st.next("units"), Name: str(in.val("name")), Identifier: str(in.val("identifier")), GroupID: int64(num(in.val("group_id"))),
			Value: num(in.val("value")), BaseUnit: truthy(in.val("base_unit")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
		for _, o := range st.units {
			if o.Identifier == u.Identifier {
				return nil, errException("The identifier field must be unique.")
			}
		}
		st.units = append(st.units, u)
		newID = u.ID
	case "ns.customers-groups":
		g := &CustomerGroup{ID: st.next("customer_groups"), Name: str(in.val("name")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
		st.groups = append(st.groups, g)
		newID = g.ID
	case "ns.payments-types":
		if st.paymentType(str(in.val("identifier"))) != nil {
			return nil, errNotAllowed("A payment type having the same identifier already exists.")
		}
		p := &PaymentType{ID: st.next("payment_types"), Label: str(in.val("label")), Identifier: str(in.val("identifier")),
			Priority: int(num(in.val("priority"))), Active: !in.has("active") || truthy(in.val("active")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
		st.paymentTypes = append(st.paymentTypes, p)
		newID = p.ID
	case "ns.products-categories":
		ct := &Category{ID: st.next("categories"), Name: str(in.val("name")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
		if v, ok := in.get("parent_id"); ok && v != nil {
			ct.ParentID = idp(int64(num(v)))
		}
		if v, ok := in.get("description"); ok {
			ct.Description = optStr(v, true)
		}
		st.categories = append(st.categories, ct)
		st.catTotals[ct.ID] = 0
		newID = ct.ID
	}
	entry = append(entry, kv{"author", st.author()}, kv{"updated_at", isoTime(now)}, kv{"created_at", isoTime(now)}, kv{"id", newID})
	return obj{{"status", "success"}, {"data", obj{{"entry", entry}, {"editUrl", editURL}}}, {"message", "A new entry has been successfully created."}}, nil
}

// customerFormOrder is the general tab of CustomerCrud.
var customerFormOrder = []string{"last_name", "credit_limit_amount", "group_id", "birth_date", "email", "phone", "pobox", "gender"}

func (c *call) customerCrudValidate() *apiError {
	var msgs []string
	firstKey := "first_name"
	if c.h.cfg.version == V4 {
		firstKey = "name"
	}
	if v, ok := c.body.get(firstKey); !ok || v == nil || strings.TrimSpace(str(v)) == "" {
		msgs = append(msgs, "The "+strings.ReplaceAll(firstKey, "_", " ")+" field is required.")
	}
	if v, ok := c.body.sub("general").get("group_id"); !ok || v == nil || (isString(v) && strings.TrimSpace(str(v)) == "") {
		msgs = append(msgs, "The general.group id field is required.")
	}
	if e := str(c.body.sub("general").val("email")); e != "" && !emailRe.MatchString(e) {
		msgs = append(msgs, "The \"general.email\" provided is not valid.")
	}
	return validationError(msgs)
}

func (c *call) customerCrudInputs() obj {
	firstKey, lastKey := "first_name", "last_name"
	if c.h.cfg.version == V4 {
		firstKey, lastKey = "name", "surname"
	}
	in := obj{}
	if v, ok := c.body.get(firstKey); ok {
		in = append(in, kv{"first_name", v})
	}
	g := c.body.sub("general")
	for _, k := range customerFormOrder {
		src := k
		if k == "last_name" {
			src = lastKey
		}
		if v, ok := g.get(src); ok {
			in = append(in, kv{k, v})
		}
	}
	for _, k := range []string{"username", "password"} {
		if v, ok := g.get(k); ok {
			in = append(in, kv{k, v})
		}
	}
	var kept obj
	for _, p := range in {
		if !empty(p.v) || (isNumeric(p.v) && !isString(p.v) && num(p.v) == 0) {
			kept = append(kept, p)
		}
	}
	return kept
}

func (c *call) crudCreateCustomer() (any, *apiError) {
	st := c.h.st
	now := c.h.now()
	if e := c.customerCrudValidate(); e != nil {
		return nil, e
	}
	in := c.customerCrudInputs()
	if st.emailUsed(str(in.val("email")), 0) {
		return nil, emailTaken(str(in.val("email")))
	}
	if v, ok := in.get("group_id"); ok && empty(v) {
		return nil, errNotAllowed("The assigned default customer group doesn't exist or has been deleted.")
	}
	if gid := int64(num(in.val("group_id"))); st.group(gid) == nil {
		return nil, errException("SQLSTATE[23000]: Integrity constraint violation: 1452 Cannot add or update a child row: a foreign key constraint fails")
	}
	pw := c.h.fakeHash()
	in = in.without("password")
	in = append(in, kv{"password", pw})
	if empty(in.val("email")) {
		in = append(in, kv{"email", "customer-" + strconv.FormatInt(st.seq["users"]+2, 10) + "@" + hostOnly(c.base)})
	}
	if empty(in.val("username")) {
		in = append(in, kv{"username", in.val("email")})
	}
	cu := &Customer{ID: st.next("users"), Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.applyCustomerFields(cu, in)
	st.customers = append(st.customers, cu)
	for _, typ := range []string{"billing", "shipping"} {
		if a := c.body.sub(typ); len(a) > 0 {
			st.saveCustomerAddress(cu, typ, a)
		}
	}
	entry := obj{}
	for _, p := range in {
		entry = append(entry, kv{p.k, crudValue(p.v)})
	}
	if c.h.cfg.version == V4 {
		entry = entry.without("password", "username")
	}
	entry = append(entry, kv{"author", cu.Author}, kv{"updated_at", isoTime(now)}, kv{"created_at", isoTime(now)}, kv{"id", cu.ID})
	return obj{{"status", "success"}, {"data", obj{{"entry", entry}, {"editUrl", c.base + "/dashboard/customers/edit/" + strconv.FormatInt(cu.ID, 10)}}},
		{"message", "A new entry has been successfully created."}}, nil
}

func hostOnly(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "nexopos.com"
	}
	return u.Hostname()
}

func (c *call) crudUpdate() (any, *apiError) {
	ns := c.param(0)
	st := c.h.st
	now := c.h.now()
	rid, _ := c.paramID(1)
	if ns == "ns.customers" {
		cu := st.customer(rid)
		if cu == nil {
			return nil, errModel("Customer", c.param(1))
		}
		if e := c.customerCrudValidate(); e != nil {
			return nil, e
		}
		in := c.customerCrudInputs()
		if st.emailUsed(str(in.val("email")), cu.ID) {
			return nil, emailTaken(str(in.val("email")))
		}
		prevUpdated := cu.UpdatedAt
		if !in.has("password") {
			in = append(in, kv{"password", c.h.fakeHash()})
		}
		st.applyCustomerFields(cu, in)
		cu.UpdatedAt = now
		for _, typ := range []string{"billing", "shipping"} {
			if a := c.body.sub(typ); len(a) > 0 {
				st.saveCustomerAddress(cu, typ, a)
			}
		}
		entry := st.customerJSON(cu, sqlTime)
		if cu.GroupID != nil {
			entry.set("group_id", strconv.FormatInt(*cu.GroupID, 10))
		}
		entry.set("updated_at", sqlTime(prevUpdated))
		return obj{{"status", "success"}, {"data", obj{{"entry", entry}, {"editUrl", c.base + "/dashboard/customers/edit/" + strconv.FormatInt(cu.ID, 10)}}},
			{"message", "The entry has been successfully updated."}}, nil
	}
	if _, ok := crudForms[ns]; !ok {
		return nil, errException("Unable to find a CRUD resource matching the namespace \"%s\".", ns)
	}
	if e := c.crudValidate(ns); e != nil {
		return nil, e
	}
	in := c.flatInputs()
	var entry obj
	switch ns {
	case "ns.payments-types":
		var pt *PaymentType
		for _, p := range st.paymentTypes {
			if p.ID == rid {
				pt = p
			}
		}
		if pt == nil {
			return nil, errModel("PaymentType", c.param(1))
		}
		pt.Label = str(in.val("label"))
		if v, ok := in.get("identifier"); ok && !pt.Readonly {
			pt.Identifier = str(v)
		}
		if v, ok := in.get("active"); ok {
			pt.Active = truthy(v)
		}
		if v, ok := in.get("priority"); ok {
			pt.Priority = int(num(v))
		}
		pt.UpdatedAt = now
		entry = obj{{"id", pt.ID}, {"label", pt.Label}, {"identifier", pt.Identifier}, {"priority", pt.Priority}, {"description", nil},
			{"author", pt.Author}, {"active", pt.Active}, {"readonly", pt.Readonly}, {"created_at", isoTime(pt.CreatedAt)}, {"updated_at", isoTime(now)}}
	case "ns.taxes-groups":
		g := st.taxGroup(rid)
		if g == nil {
			return nil, errModel("TaxGroup", c.param(1))
		}
		g.Name, g.UpdatedAt = str(in.val("name")), now
		entry = st.taxGroupJSON(g, false)
	case "ns.taxes":
		t := st.tax(rid)
		if t == nil {
			return nil, errModel("Tax", c.param(1))
		}
		t.Name, t.Rate, t.UpdatedAt = str(in.val("name")), num(in.val("rate")), now
		t.TaxGroupID = int64(num(in.val("tax_group_id")))
		entry = st.taxJSON(t)
	case "ns.units-groups":
		g := st.unitGroup(rid)
		if g == nil {
			return nil, errModel("UnitGroup", c.param(1))
		}
		g.Name, g.UpdatedAt = str(in.val("name")), now
		entry = st.unitGroupJSON(g)
	case "ns.units":
		u := st.unit(rid)
		if u == nil {
			return nil, errModel("Unit", c.param(1))
		}
		u.Name, u.Identifier, u.Value = str(in.val("name")), str(in.val("identifier")), num(in.val("value"))
		u.GroupID, u.BaseUnit, u.UpdatedAt = int64(num(in.val("group_id"))), truthy(in.val("base_unit")), now
		entry = st.unitJSON(u)
	case "ns.customers-groups":
		g := st.group(rid)
		if g == nil {
			return nil, errModel("CustomerGroup", c.param(1))
		}
		g.Name, g.UpdatedAt = str(in.val("name")), now
		entry = st.customerGroupJSON(g)
	case "ns.products-categories":
		ct := st.category(rid)
		if ct == nil {
			return nil, errModel("ProductCategory", c.param(1))
		}
		applyCategory(ct, in)
		ct.UpdatedAt = now
		entry = st.categoryJSON(ct)
	}
	return obj{{"status", "success"}, {"data", obj{{"entry", entry}, {"editUrl", false}}}, {"message", "The entry has been successfully updated."}}, nil
}

func (c *call) crudDelete() (any, *apiError) {
	ns := c.param(0)
	st := c.h.st
	rid := parseID(c.param(1))
	notFound := errNotFound("Unable to find the requested entry.")
	switch ns {
	case "ns.products":
		p := st.product(rid)
		if p == nil {
			return nil, notFound
		}
		st.removeProduct(p)
	case "ns.orders":
		o := st.order(rid)
		if o == nil {
			return nil, notFound
		}
		if e := st.deleteOrder(o); e != nil {
			return nil, e
		}
	case "ns.customers":
		cu := st.customer(rid)
		if cu == nil {
			return nil, notFound
		}
		st.removeCustomer(cu)
	case "ns.products-categories":
		ct := st.category(rid)
		if ct == nil {
			return nil, notFound
		}
		if e := st.deleteCategory(ct); e != nil {
			return nil, e
		}
	case "ns.payments-types":
		for i, p := range st.paymentTypes {
			if p.ID == rid {
				if p.Readonly {
					return nil, errNotAllowed("You cannot delete a read only payment type.")
				}
				st.paymentTypes = append(st.paymentTypes[:i], st.paymentTypes[i+1:]...)
				return crudDeleted(), nil
			}
		}
		return nil, notFound
	default:
		if _, ok := crudSources(ns); !ok {
			return nil, errException("Unable to find a CRUD resource matching the namespace \"%s\".", ns)
		}
		return nil, errNotAllowed("The Action You Tried To Perform Is Not Allowed.")
	}
	return crudDeleted(), nil
}

func crudDeleted() obj {
	return obj{{"status", "success"}, {"message", "The entry has been successfully deleted."}}
}

func insertBefore(o obj, key string, add obj) obj {
	for i, p := range o {
		if p.k == key {
			out := append(obj{}, o[:i]...)
			out = append(out, add...)
			return append(out, o[i:]...)
		}
	}
	return append(o, add...)
}

// historyDisplay renders one ns.global-products-history row: the history
// columns joined with its user, product, unit, procurement and order.
func (c *call) historyDisplay(e *HistoryEntry, hj obj) obj {
	st, base := c.h.st, c.base
	id := func(i int64) string { return strconv.FormatInt(i, 10) }
	d := append(obj{}, hj...)
	d.set("operation_type", operationLabel(e.OperationType))
	d.set("total_price", usd(e.TotalPrice))
	d = append(d, prefixed("user_", st.userRow(true))...)
	if p := st.product(e.ProductID); p != nil {
		d = append(d, prefixed("product_", sqlRow(st.productJSON(p)), "id")...)
	} else {
		for _, k := range productCols[1:] {
			d = append(d, kv{"product_" + k, nil})
		}
	}
	if u := st.unit(e.UnitID); u != nil {
		d = append(d, prefixed("unit_", sqlRow(st.unitJSON(u)), "id")...)
	}
	d = append(d, kv{"procurement_name", "N/A"})
	for _, k := range []string{"provider_id", "value", "cost", "tax_value", "invoice_reference", "automatic_approval", "delivery_time", "invoice_date", "payment_status", "delivery_status", "total_items", "description", "author", "uuid", "created_at", "updated_at"} {
		d = append(d, kv{"procurement_" + k, nil})
	}
	var ord *Order
	if e.OrderID != nil {
		ord = st.order(*e.OrderID)
	}
	if ord != nil {
		d = append(d, prefixed("order_", st.orderJSON(ord), "id")...)
	} else {
		for _, k := range orderCols[1:] {
			v := any(nil)
			if k == "code" {
				v = "N/A"
			}
			d = append(d, kv{"order_" + k, v})
		}
	}
	d = append(d, rowHead(e.ID)...)
	d = append(d, kv{"$cssClass", historyCSS(e.OperationType)})
	d = append(d, kv{"$actions", obj{{"delete", action("delete", "Delete", base+"/api/crud/ns.global-products-history/"+id(e.ID), "GOTO", confirmDelete())}}})
	return d
}
