package wootest

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// prod is a product or a variation as the store keeps it.
type prod struct {
	id, parentID      int64
	typ               string
	name, slug        string
	status            string
	featured          bool
	catalogVisibility string
	description       string
	shortDescription  string
	sku               string
	globalUniqueID    string
	regularPrice      string
	salePrice         string
	virtual           bool
	downloadable      bool
	downloads         []Download
	downloadLimit     int
	downloadExpiry    int
	externalURL       string
	buttonText        string
	taxStatus         string
	taxClass          string
	manageStock       bool
	stock             int
	stockStatus       string
	backorders        string
	lowStockAmount    *int
	soldIndividually  bool
	weight            string
	dims              Dimensions
	shippingClass     string
	reviewsAllowed    bool
	upsells           []int64
	crossSells        []int64
	purchaseNote      string
	categories        []int64
	tags              []int64
	images            []Image
	attributes        []Attribute
	defaultAttrs      []VariationAttribute
	varAttrs          []VariationAttribute
	menuOrder         int
	meta              []MetaData
	totalSales        int
	postPassword      string
	created, modified time.Time
}

func (p *prod) isVariation() bool { return p.typ == "variation" }

// copyProd deep-copies a product so that a failed update leaves no trace.
func copyProd(p *prod) *prod {
	c := *p
	c.downloads = append([]Download(nil), p.downloads...)
	c.upsells = append([]int64(nil), p.upsells...)
	c.crossSells = append([]int64(nil), p.crossSells...)
	c.categories = append([]int64(nil), p.categories...)
	c.tags = append([]int64(nil), p.tags...)
	c.images = append([]Image(nil), p.images...)
	c.attributes = clone(p.attributes)
	c.defaultAttrs = append([]VariationAttribute(nil), p.defaultAttrs...)
	c.varAttrs = append([]VariationAttribute(nil), p.varAttrs...)
	c.meta = clone(p.meta)
	if p.lowStockAmount != nil {
		n := *p.lowStockAmount
		c.lowStockAmount = &n
	}
	return &c
}

func (s *Store) children(parentID int64) []*prod {
	var out []*prod
	for _, p := range s.products {
		if p.parentID == parentID && p.isVariation() {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].menuOrder != out[j].menuOrder {
			return out[i].menuOrder < out[j].menuOrder
		}
		return out[i].id < out[j].id
	})
	return out
}

// activePrice is the price a product sells at now.
func (p *prod) activePrice() string {
	if p.onSale() {
		return p.salePrice
	}
	return p.regularPrice
}

func (p *prod) onSale() bool {
	return p.salePrice != "" && p.regularPrice != "" && dec(p.salePrice).LessThan(dec(p.regularPrice))
}

// stockOwner is the product whose stock a sale of p moves: p itself, or
// the parent of a variation that leaves stock to it ("parent").
func (s *Store) stockOwner(p *prod) *prod {
	if p.isVariation() && !p.manageStock {
		if parent := s.products[p.parentID]; parent != nil && parent.manageStock {
			return parent
		}
	}
	return p
}

// computedStockStatus is the stock status WooCommerce derives.
func (s *Store) computedStockStatus(p *prod) string {
	if p.typ == "variable" {
		kids := s.children(p.id)
		status := "outofstock"
		for _, k := range kids {
			if k.status != "publish" && k.status != "private" {
				continue
			}
			switch s.computedStockStatus(k) {
			case "instock":
				return "instock"
			case "onbackorder":
				status = "onbackorder"
			}
		}
		return status
	}
	owner := s.stockOwner(p)
	if owner.manageStock {
		if owner.stock > 0 {
			return "instock"
		}
		if owner.backorders != "no" {
			return "onbackorder"
		}
		return "outofstock"
	}
	if p.stockStatus == "" {
		return "instock"
	}
	return p.stockStatus
}

// variablePrices returns the lowest and highest active price of the
// purchasable variations.
func (s *Store) variablePrices(p *prod) (lo, hi string, anyOnSale bool) {
	var min, max *decimal.Decimal
	for _, k := range s.children(p.id) {
		if k.status != "publish" || k.activePrice() == "" {
			continue
		}
		d := dec(k.activePrice())
		if min == nil || d.LessThan(*min) {
			dd := d
			min = &dd
			lo = k.activePrice()
		}
		if max == nil || d.GreaterThan(*max) {
			dd := d
			max = &dd
			hi = k.activePrice()
		}
		if k.onSale() {
			anyOnSale = true
		}
	}
	return lo, hi, anyOnSale
}

func (s *Store) termRefs(ids []int64, tags bool) []TermRef {
	out := []TermRef{}
	for _, id := range ids {
		if tags {
			if t := s.tags[id]; t != nil {
				out = append(out, TermRef{ID: t.ID, Name: t.Name, Slug: t.Slug})
			}
			continue
		}
		if c := s.categories[id]; c != nil {
			out = append(out, TermRef{ID: c.ID, Name: c.Name, Slug: c.Slug})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (s *Store) productLinks(base string, p *prod) Links {
	if p.isVariation() {
		l := Links{
			"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/%d/variations/%d", base, p.parentID, p.id), TargetHints: allHints()}},
			"collection": {{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/%d/variations", base, p.parentID)}},
			"up":         {{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/%d", base, p.parentID)}},
		}
		return l
	}
	l := Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/%d", base, p.id), TargetHints: allHints()}},
		"collection": {{Href: base + "/wp-json/wc/v3/products"}},
	}
	if p.parentID != 0 {
		l["up"] = []Link{{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/%d", base, p.parentID)}}
	}
	return l
}

func allHints() *TargetHints {
	return &TargetHints{Allow: []string{"GET", "POST", "PUT", "PATCH", "DELETE"}}
}

func (s *Store) permalink(base string, p *prod) string {
	if p.isVariation() {
		parent := s.products[p.parentID]
		if parent == nil {
			return ""
		}
		var q []string
		for _, va := range p.varAttrs {
			q = append(q, "attribute_"+attrKey(va)+"="+attrValue(va))
		}
		u := s.permalink(base, parent)
		if len(q) > 0 {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			u += sep + strings.Join(q, "&")
		}
		return u
	}
	if p.status == "publish" && p.slug != "" {
		return base + "/product/" + p.slug + "/"
	}
	return fmt.Sprintf("%s/?post_type=product&p=%d", base, p.id)
}

// attrKey is the meta key of a variation attribute (pa_size for a global
// attribute, the sanitized name for a local one).
func attrKey(va VariationAttribute) string {
	if va.ID > 0 {
		return "pa_" + sanitizeTitle(va.Name)
	}
	return sanitizeTitle(va.Name)
}

func attrValue(va VariationAttribute) string {
	if va.ID > 0 {
		return sanitizeTitle(va.Option)
	}
	return va.Option
}

func (s *Store) variationTitle(p *prod) string {
	var opts []string
	for _, va := range p.varAttrs {
		opts = append(opts, va.Option)
	}
	return strings.Join(opts, ", ")
}

func (s *Store) fullName(p *prod) string {
	if !p.isVariation() {
		return p.name
	}
	parent := s.products[p.parentID]
	pn := ""
	if parent != nil {
		pn = parent.name
	}
	if t := s.variationTitle(p); t != "" {
		return pn + " - " + t
	}
	return pn
}

// renderProduct builds the products endpoint representation; edit adds
// the edit-context fields create and update answer with.
func (s *Store) renderProduct(base string, p *prod, edit bool) Product {
	return s.renderProductRelated(base, p, edit, nil)
}

// renderProductRelated is renderProduct with the related products taken
// from an index made by relatedIndex (nil: scan the store).
func (s *Store) renderProductRelated(base string, p *prod, edit bool, related map[int64][]int64) Product {
	owner := s.stockOwner(p)
	out := Product{
		ID:                p.id,
		Name:              s.fullName(p),
		Slug:              p.slug,
		Permalink:         s.permalink(base, p),
		Type:              p.typ,
		Status:            p.status,
		Featured:          p.featured,
		CatalogVisibility: p.catalogVisibility,
		Description:       p.description,
		ShortDescription:  p.shortDescription,
		SKU:               s.viewSKU(p, edit),
		RegularPrice:      p.regularPrice,
		SalePrice:         p.salePrice,
		TotalSales:        p.totalSales,
		Virtual:           p.virtual,
		Downloadable:      p.downloadable,
		Downloads:         nonNil(p.downloads),
		DownloadLimit:     p.downloadLimit,
		DownloadExpiry:    p.downloadExpiry,
		ExternalURL:       p.externalURL,
		ButtonText:        p.buttonText,
		TaxStatus:         p.taxStatus,
		TaxClass:          p.taxClass,
		ManageStock:       owner.manageStock,
		Backorders:        owner.backorders,
		LowStockAmount:    p.lowStockAmount,
		SoldIndividually:  p.soldIndividually,
		Weight:            p.weight,
		Dimensions:        p.dims,
		ShippingRequired:  !p.virtual,
		ShippingTaxable:   !p.virtual && p.taxStatus == "taxable",
		ShippingClass:     p.shippingClass,
		ReviewsAllowed:    p.reviewsAllowed,
		AverageRating:     "0.00",
		UpsellIDs:         nonNil(p.upsells),
		CrossSellIDs:      nonNil(p.crossSells),
		ParentID:          p.parentID,
		PurchaseNote:      p.purchaseNote,
		Categories:        s.termRefs(p.categories, false),
		Brands:            []TermRef{},
		Tags:              s.termRefs(p.tags, true),
		Images:            nonNil(p.images),
		Attributes:        nonNil(p.attributes),
		DefaultAttributes: nonNil(p.defaultAttrs),
		Variations:        []int64{},
		GroupedProducts:   []int64{},
		MenuOrder:         p.menuOrder,
		RelatedIDs:        s.relatedIDs(p, related),
		MetaData:          nonNil(clone(p.meta)),
		StockStatus:       s.computedStockStatus(p),
		HasOptions:        p.typ == "variable",
		PostPassword:      p.postPassword,
		GlobalUniqueID:    p.globalUniqueID,
		Links:             s.productLinks(base, p),
	}
	if p.isVariation() {
		out.Attributes = []Attribute{}
		for _, va := range p.varAttrs {
			out.Attributes = append(out.Attributes, Attribute{ID: va.ID, Name: va.Name, Slug: attrKey(va), Options: []string{va.Option}})
		}
		out.Slug = sanitizeTitle(s.fullName(p))
	}
	out.DateCreated, out.DateCreatedGMT = s.datePair(p.created)
	out.DateModified, out.DateModifiedGMT = s.datePair(p.modified)
	if owner.manageStock {
		n := owner.stock
		out.StockQuantity = &n
	}
	out.BackordersAllowed = owner.backorders == "yes" || owner.backorders == "notify"
	out.Backordered = out.StockStatus == "onbackorder" || (owner.manageStock && out.BackordersAllowed && owner.stock < 0)
	if p.typ == "variable" {
		lo, hi, sale := s.variablePrices(p)
		out.Price, out.RegularPrice, out.SalePrice, out.OnSale = lo, "", "", sale
		for _, k := range s.children(p.id) {
			out.Variations = append(out.Variations, k.id)
		}
		switch {
		case lo == "":
			out.PriceHTML = ""
		case dec(lo).Equal(dec(hi)):
			out.PriceHTML = s.wcPrice(lo, false)
		default:
			out.PriceHTML = s.rangeHTML(lo, hi)
		}
	} else {
		out.Price = p.activePrice()
		out.OnSale = p.onSale()
		switch {
		case out.Price == "":
			out.PriceHTML = ""
		case out.OnSale:
			out.PriceHTML = s.salePriceHTML(p.regularPrice, p.salePrice)
		default:
			out.PriceHTML = s.wcPrice(out.Price, false)
		}
	}
	out.Purchasable = out.Price != ""
	if edit {
		out.AverageRating = "0"
		if !p.isVariation() {
			out.PermalinkTemplate = base + "/product/%pagename%/"
			out.GeneratedSlug = p.slug
			if out.GeneratedSlug == "" {
				out.GeneratedSlug = sanitizeTitle(p.name)
			}
		}
	}
	return out
}

// relatedIDs lists up to five other published products that share a
// category or tag, newest first. related, when not nil, is the index of
// relatedIndex (for rendering many products at once); without it the
// products are scanned.
func (s *Store) relatedIDs(p *prod, related map[int64][]int64) []int64 {
	out := []int64{}
	if p.isVariation() {
		return out
	}
	var ids []int64
	if related != nil {
		// Each term's list is newest first; the five newest of the union
		// are among the first six of each list (one may be p itself).
		seen := map[int64]bool{}
		for _, t := range termKeys(p) {
			l := related[t]
			for _, id := range l[:min(len(l), 6)] {
				if id != p.id && !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	} else {
		for _, q := range s.products {
			if q.id == p.id || q.isVariation() || q.status != "publish" {
				continue
			}
			if intersects(q.categories, p.categories) || intersects(q.tags, p.tags) {
				ids = append(ids, q.id)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	if len(ids) > 5 {
		ids = ids[:5]
	}
	return append(out, ids...)
}

// termKeys are a product's categories (positive) and tags (negative).
func termKeys(p *prod) []int64 {
	keys := make([]int64, 0, len(p.categories)+len(p.tags))
	keys = append(keys, p.categories...)
	for _, t := range p.tags {
		keys = append(keys, -t)
	}
	return keys
}

// relatedIndex lists the published products of each term (termKeys),
// newest first.
func (s *Store) relatedIndex() map[int64][]int64 {
	idx := map[int64][]int64{}
	for _, q := range s.products {
		if q.isVariation() || q.status != "publish" {
			continue
		}
		for _, t := range termKeys(q) {
			idx[t] = append(idx[t], q.id)
		}
	}
	for _, l := range idx {
		sort.Slice(l, func(i, j int) bool { return l[i] > l[j] })
	}
	return idx
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// renderVariation builds the variations endpoint representation.
// viewSKU is the SKU a product shows: a variation without one of its own
// shows its parent's, as WC_Product_Variation::get_sku does in the view
// context (edit shows its own). The SKU search (?sku=) still matches only
// its own.
func (s *Store) viewSKU(p *prod, edit bool) string {
	if p.sku == "" && p.typ == "variation" && !edit {
		if parent := s.products[p.parentID]; parent != nil {
			return parent.sku
		}
	}
	return p.sku
}

func (s *Store) renderVariation(base string, p *prod) Variation {
	owner := s.stockOwner(p)
	v := Variation{
		ID:             p.id,
		Type:           "variation",
		Description:    p.description,
		Permalink:      s.permalink(base, p),
		SKU:            s.viewSKU(p, false),
		GlobalUniqueID: p.globalUniqueID,
		Price:          p.activePrice(),
		RegularPrice:   p.regularPrice,
		SalePrice:      p.salePrice,
		OnSale:         p.onSale(),
		Status:         p.status,
		Virtual:        p.virtual,
		Downloadable:   p.downloadable,
		Downloads:      nonNil(p.downloads),
		DownloadLimit:  p.downloadLimit,
		DownloadExpiry: p.downloadExpiry,
		TaxStatus:      p.taxStatus,
		TaxClass:       p.taxClass,
		ManageStock:    p.manageStock,
		StockStatus:    s.computedStockStatus(p),
		Backorders:     owner.backorders,
		LowStockAmount: p.lowStockAmount,
		Weight:         p.weight,
		Dimensions:     p.dims,
		ShippingClass:  p.shippingClass,
		Attributes:     []VariationAttribute{},
		MenuOrder:      p.menuOrder,
		MetaData:       nonNil(clone(p.meta)),
		Name:           s.variationTitle(p),
		ParentID:       p.parentID,
		Links:          s.productLinks(base, p),
	}
	v.Purchasable = v.Price != ""
	for _, va := range p.varAttrs {
		v.Attributes = append(v.Attributes, VariationAttribute{ID: va.ID, Name: va.Name, Slug: attrKey(va), Option: va.Option})
	}
	if owner != p {
		v.ManageStock = "parent"
	}
	if owner.manageStock {
		n := owner.stock
		v.StockQuantity = &n
	}
	if len(p.images) > 0 {
		img := p.images[0]
		v.Image = &img
	}
	v.BackordersAllowed = owner.backorders == "yes" || owner.backorders == "notify"
	v.Backordered = v.StockStatus == "onbackorder" || (owner.manageStock && v.BackordersAllowed && owner.stock < 0)
	v.DateCreated, v.DateCreatedGMT = s.datePair(p.created)
	v.DateModified, v.DateModifiedGMT = s.datePair(p.modified)
	return v
}

// ---- writing products from request bodies ----

var productTypes = []string{"simple", "grouped", "external", "variable"}
var productStatuses = []string{"draft", "pending", "private", "publish", "future"}

func metaArgs() *sch { return tA(tO(a("id", tI()), a("key", tS()))) }

func productBody() []arg {
	return []arg{
		a("name", tS()), a("slug", tS()), a("type", tE(productTypes...)), a("status", tE(productStatuses...)),
		a("featured", tB()), a("catalog_visibility", tE("visible", "catalog", "search", "hidden")),
		a("description", tS()), a("short_description", tS()), a("sku", tS()), a("global_unique_id", tS()),
		a("regular_price", tS()), a("sale_price", tS()),
		a("date_on_sale_from", tDate()), a("date_on_sale_from_gmt", tDate()), a("date_on_sale_to", tDate()), a("date_on_sale_to_gmt", tDate()),
		a("virtual", tB()), a("downloadable", tB()), a("downloads", tA(tO(a("id", tS()), a("name", tS()), a("file", tS())))),
		a("download_limit", tI()), a("download_expiry", tI()), a("external_url", tS()), a("button_text", tS()),
		a("tax_status", tE("taxable", "shipping", "none")), a("tax_class", tS()), a("manage_stock", tB()),
		a("stock_quantity", tI()), a("inventory_delta", tI()), a("stock_status", tE("instock", "outofstock", "onbackorder")),
		a("backorders", tE("no", "notify", "yes")), a("low_stock_amount", tNI()), a("sold_individually", tB()),
		a("weight", tS()), a("dimensions", tO(a("length", tS()), a("width", tS()), a("height", tS()))),
		a("shipping_class", tS()), a("reviews_allowed", tB()), a("upsell_ids", tIDs()), a("cross_sell_ids", tIDs()),
		a("parent_id", tI()), a("purchase_note", tS()),
		a("categories", tA(tO(a("id", tI())))), a("tags", tA(tO(a("id", tI())))),
		a("images", tA(tO(a("id", tI()), a("src", tS()), a("name", tS()), a("alt", tS())))),
		a("attributes", tA(tO(a("id", tI()), a("name", tS()), a("position", tI()), a("visible", tB()), a("variation", tB())))),
		a("default_attributes", tA(tO(a("id", tI()), a("name", tS()), a("option", tS())))),
		a("menu_order", tI()), a("meta_data", metaArgs()), a("post_password", tS()),
	}
}

func variationBody() []arg {
	return []arg{
		a("description", tS()), a("sku", tS()), a("global_unique_id", tS()), a("regular_price", tS()), a("sale_price", tS()),
		a("date_on_sale_from", tDate()), a("date_on_sale_from_gmt", tDate()), a("date_on_sale_to", tDate()), a("date_on_sale_to_gmt", tDate()),
		a("status", tE("draft", "pending", "private", "publish")), a("virtual", tB()), a("downloadable", tB()),
		a("downloads", tA(tO(a("id", tS()), a("name", tS()), a("file", tS())))), a("download_limit", tI()), a("download_expiry", tI()),
		a("tax_status", tE("taxable", "shipping", "none")), a("tax_class", tS()), a("manage_stock", tAny()),
		a("stock_quantity", tI()), a("inventory_delta", tI()), a("stock_status", tE("instock", "outofstock", "onbackorder")),
		a("backorders", tE("no", "notify", "yes")), a("low_stock_amount", tNI()),
		a("weight", tS()), a("dimensions", tO(a("length", tS()), a("width", tS()), a("height", tS()))),
		a("shipping_class", tS()), a("image", &sch{types: []string{"object", "null"}}),
		a("attributes", tA(tO(a("id", tI()), a("name", tS()), a("option", tS())))),
		a("menu_order", tI()), a("meta_data", metaArgs()),
	}
}

// skuTaken reports the product other than self that holds sku (trashed
// products do not count).
func (s *Store) skuTaken(sku string, self int64) int64 {
	if sku == "" {
		return 0
	}
	var ids []int64
	for _, p := range s.products {
		if p.id != self && p.sku == sku && p.status != "trash" {
			ids = append(ids, p.id)
		}
	}
	if len(ids) == 0 {
		return 0
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids[0]
}

func (s *Store) skuError(sku string, self, holder int64) *apiError {
	unique := sku
	for i := 1; ; i++ {
		cand := fmt.Sprintf("%s-%d", sku, i)
		if s.skuTaken(cand, self) == 0 {
			unique = cand
			break
		}
	}
	return &apiError{Status: 400, Code: "product_invalid_sku", Message: "Invalid or duplicated SKU.",
		Data: omap{{"resource_id", holder}, {"unique_sku", unique}}}
}

func (s *Store) uniqueProductSlug(slug string, self int64) string {
	if slug == "" {
		return ""
	}
	taken := func(c string) bool {
		for _, p := range s.products {
			if p.id != self && !p.isVariation() && p.slug == c {
				return true
			}
		}
		return false
	}
	if !taken(slug) {
		return slug
	}
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s-%d", slug, i)
		if !taken(c) {
			return c
		}
	}
}

// applyMeta applies meta_data entries as update_meta_data does.
func (s *Store) applyMeta(meta []MetaData, raw json.RawMessage, seq *int64) []MetaData {
	for _, m := range asObjects(raw) {
		key := asString(m["key"])
		var val any
		if v, ok := m["value"]; ok {
			val = decodeAny(v)
		}
		id := asInt(m["id"])
		done := false
		for i := range meta {
			if (id != 0 && meta[i].ID == id) || (id == 0 && meta[i].Key == key) {
				if key != "" {
					meta[i].Key = key
				}
				meta[i].Value = val
				done = true
				break
			}
		}
		if !done && key != "" {
			*seq++
			meta = append(meta, MetaData{ID: *seq, Key: key, Value: val})
		}
	}
	return meta
}

func (s *Store) attributeName(id int64, given string) string {
	if n, ok := s.attrs[id]; ok {
		return n
	}
	if given == "" {
		given = fmt.Sprintf("Attribute %d", id)
	}
	s.attrs[id] = given
	return given
}

// applyProduct writes body fields onto p (a copy) as the products
// controller's prepare_object_for_database does.
func (s *Store) applyProduct(p *prod, body map[string]json.RawMessage, creating bool) *apiError {
	str := func(k string, dst *string) {
		if v, ok := body[k]; ok {
			*dst = asString(v)
		}
	}
	boolean := func(k string, dst *bool) {
		if v, ok := body[k]; ok {
			*dst = asBool(v)
		}
	}
	integer := func(k string, dst *int) {
		if v, ok := body[k]; ok {
			*dst = int(asInt(v))
		}
	}
	if !p.isVariation() {
		str("name", &p.name)
		if v, ok := body["type"]; ok {
			p.typ = asString(v)
		}
		if v, ok := body["status"]; ok {
			p.status = asString(v)
		}
		boolean("featured", &p.featured)
		str("catalog_visibility", &p.catalogVisibility)
		str("short_description", &p.shortDescription)
		str("external_url", &p.externalURL)
		str("button_text", &p.buttonText)
		boolean("sold_individually", &p.soldIndividually)
		boolean("reviews_allowed", &p.reviewsAllowed)
		str("purchase_note", &p.purchaseNote)
		str("post_password", &p.postPassword)
		if v, ok := body["upsell_ids"]; ok {
			p.upsells = asIDs(v)
		}
		if v, ok := body["cross_sell_ids"]; ok {
			p.crossSells = asIDs(v)
		}
		if v, ok := body["parent_id"]; ok {
			p.parentID = asInt(v)
		}
		if v, ok := body["categories"]; ok {
			p.categories = nil
			for _, c := range asObjects(v) {
				if id := asInt(c["id"]); s.categories[id] != nil {
					p.categories = append(p.categories, id)
				}
			}
		}
		if v, ok := body["tags"]; ok {
			p.tags = nil
			for _, t := range asObjects(v) {
				if id := asInt(t["id"]); s.tags[id] != nil {
					p.tags = append(p.tags, id)
				}
			}
		}
		if v, ok := body["attributes"]; ok {
			p.attributes = nil
			for i, at := range asObjects(v) {
				id := asInt(at["id"])
				name := asString(at["name"])
				if id > 0 {
					name = s.attributeName(id, name)
				}
				if name == "" {
					continue
				}
				attr := Attribute{ID: id, Name: name, Position: i, Visible: false, Variation: false, Options: []string{}}
				if id > 0 {
					attr.Slug = "pa_" + sanitizeTitle(name)
				} else {
					attr.Slug = sanitizeTitle(name)
				}
				if x, ok := at["position"]; ok {
					attr.Position = int(asInt(x))
				}
				if x, ok := at["visible"]; ok {
					attr.Visible = asBool(x)
				}
				if x, ok := at["variation"]; ok {
					attr.Variation = asBool(x)
				}
				if x, ok := at["options"]; ok {
					attr.Options = nonNil(asStrings(x))
				} else if x, ok := at["option"]; ok {
					attr.Options = []string{asString(x)}
				}
				if attr.ID > 0 {
					sort.Strings(attr.Options)
				}
				p.attributes = append(p.attributes, attr)
			}
		}
		if v, ok := body["default_attributes"]; ok {
			p.defaultAttrs = nil
			for _, at := range asObjects(v) {
				id := asInt(at["id"])
				name := asString(at["name"])
				if id > 0 {
					name = s.attributeName(id, name)
				}
				p.defaultAttrs = append(p.defaultAttrs, VariationAttribute{ID: id, Name: name, Option: asString(at["option"])})
			}
		}
	} else {
		if v, ok := body["status"]; ok {
			p.status = asString(v)
		}
		if v, ok := body["attributes"]; ok {
			p.varAttrs = nil
			for _, at := range asObjects(v) {
				id := asInt(at["id"])
				name := asString(at["name"])
				if id > 0 {
					name = s.attributeName(id, name)
				}
				p.varAttrs = append(p.varAttrs, VariationAttribute{ID: id, Name: name, Option: asString(at["option"])})
			}
		}
		if v, ok := body["image"]; ok {
			p.images = nil
			if obj := asObject(v); obj != nil && (asInt(obj["id"]) != 0 || asString(obj["src"]) != "") {
				p.images = []Image{s.newImage(obj)}
			}
		}
	}
	str("description", &p.description)
	if v, ok := body["sku"]; ok {
		sku := strings.TrimSpace(asString(v))
		if holder := s.skuTaken(sku, p.id); holder != 0 {
			return s.skuError(sku, p.id, holder)
		}
		p.sku = sku
	}
	str("global_unique_id", &p.globalUniqueID)
	if v, ok := body["regular_price"]; ok {
		p.regularPrice = formatDecimal(asString(v))
	}
	if v, ok := body["sale_price"]; ok {
		p.salePrice = formatDecimal(asString(v))
	}
	boolean("virtual", &p.virtual)
	boolean("downloadable", &p.downloadable)
	integer("download_limit", &p.downloadLimit)
	integer("download_expiry", &p.downloadExpiry)
	if v, ok := body["downloads"]; ok {
		p.downloads = nil
		for _, d := range asObjects(v) {
			if asString(d["file"]) == "" {
				continue
			}
			id := asString(d["id"])
			if id == "" {
				id = fmt.Sprintf("%08x-0000-4000-8000-%012x", s.intn(1<<30), s.intn(1<<30))
			}
			p.downloads = append(p.downloads, Download{ID: id, Name: asString(d["name"]), File: asString(d["file"])})
		}
	}
	str("tax_status", &p.taxStatus)
	str("tax_class", &p.taxClass)
	if v, ok := body["tax_class"]; ok && asString(v) == "standard" {
		p.taxClass = ""
	}
	if v, ok := body["weight"]; ok {
		if !p.virtual {
			p.weight = asString(v)
		}
	}
	if v, ok := body["dimensions"]; ok && !p.virtual {
		d := asObject(v)
		if x, ok := d["length"]; ok {
			p.dims.Length = asString(x)
		}
		if x, ok := d["width"]; ok {
			p.dims.Width = asString(x)
		}
		if x, ok := d["height"]; ok {
			p.dims.Height = asString(x)
		}
	}
	if p.virtual {
		p.weight, p.dims = "", Dimensions{}
	}
	str("shipping_class", &p.shippingClass)
	integer("menu_order", &p.menuOrder)
	if v, ok := body["low_stock_amount"]; ok {
		if isNull(v) || asString(v) == "" {
			p.lowStockAmount = nil
		} else {
			n := int(asInt(v))
			p.lowStockAmount = &n
		}
	}

	// Stock, in the order WooCommerce applies it.
	if v, ok := body["manage_stock"]; ok {
		if asString(v) == "parent" {
			p.manageStock = false
		} else {
			p.manageStock = asBool(v)
		}
	}
	if v, ok := body["backorders"]; ok {
		p.backorders = asString(v)
	}
	stockStatus := ""
	if v, ok := body["stock_status"]; ok {
		stockStatus = asString(v)
	}
	switch {
	case p.typ == "grouped" || p.typ == "external":
		p.manageStock = false
		if stockStatus != "" {
			p.stockStatus = stockStatus
		}
	case p.manageStock:
		if v, ok := body["stock_quantity"]; ok {
			p.stock = int(asInt(v))
		} else if v, ok := body["inventory_delta"]; ok {
			p.stock += int(asInt(v))
		}
	default:
		p.stock = 0
		if stockStatus != "" {
			p.stockStatus = stockStatus
		}
	}

	if v, ok := body["images"]; ok && !p.isVariation() {
		p.images = nil
		for i, im := range asObjects(v) {
			img := s.newImage(im)
			_ = i
			p.images = append(p.images, img)
		}
	}
	if v, ok := body["meta_data"]; ok {
		p.meta = s.applyMeta(p.meta, v, &s.seq.meta)
	}

	// Slug: drafts keep none unless given.
	if v, ok := body["slug"]; ok {
		p.slug = sanitizeTitle(asString(v))
	}
	if !p.isVariation() {
		if p.slug == "" && (p.status == "publish" || p.status == "private" || p.status == "future") {
			p.slug = sanitizeTitle(p.name)
			if p.slug == "" {
				p.slug = fmt.Sprint(p.id)
			}
		}
		p.slug = s.uniqueProductSlug(p.slug, p.id)
		if len(p.categories) == 0 {
			p.categories = []int64{s.defaultCategory()}
		}
	}
	return nil
}

func (s *Store) newImage(obj map[string]json.RawMessage) Image {
	id := asInt(obj["id"])
	if id == 0 {
		s.seq.post++
		id = s.seq.post
	}
	now := s.now()
	img := Image{ID: id, Src: asString(obj["src"]), Name: asString(obj["name"]), Alt: asString(obj["alt"])}
	img.DateCreated, img.DateCreatedGMT = s.local(now), gmt(now)
	img.DateModified, img.DateModifiedGMT = img.DateCreated, img.DateCreatedGMT
	return img
}

func (s *Store) defaultCategory() int64 {
	var ids []int64
	for id, c := range s.categories {
		if c.Slug == "uncategorized" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		s.seq.term++
		s.categories[s.seq.term] = &Category{ID: s.seq.term, Name: "Uncategorized", Slug: "uncategorized", Display: "default"}
		return s.seq.term
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids[0]
}

func newProd(typ string) *prod {
	return &prod{typ: typ, status: "publish", catalogVisibility: "visible", taxStatus: "taxable",
		backorders: "no", stockStatus: "instock", reviewsAllowed: true, downloadLimit: -1, downloadExpiry: -1}
}

// createProduct creates a product from a body; the caller fires events.
func (s *Store) createProduct(body map[string]json.RawMessage) (*prod, *apiError) {
	if v, ok := body["id"]; ok && asInt(v) != 0 {
		return nil, newErr(400, "woocommerce_rest_product_exists", "Cannot create existing product.")
	}
	typ := "simple"
	if v, ok := body["type"]; ok {
		typ = asString(v)
	}
	p := newProd(typ)
	if err := s.applyProduct(p, body, true); err != nil {
		return nil, err
	}
	s.seq.post++
	p.id = s.seq.post
	if p.slug == "" && (p.status == "publish" || p.status == "private") {
		p.slug = s.uniqueProductSlug(sanitizeTitle(p.name), p.id)
	}
	now := s.now()
	p.created, p.modified = now, now
	s.products[p.id] = p
	return p, nil
}

// ---- REST handlers ----

func (s *Store) productFromPath(rc *reqCtx) *prod {
	if len(rc.ids) == 0 {
		return nil
	}
	return s.products[rc.ids[0]]
}

func productExists(s *Store, rc *reqCtx) bool { return s.productFromPath(rc) != nil }

func (s *Store) listProducts(rc *reqCtx) *response {
	status := rc.q("status")
	if status == "" {
		status = "any"
	}
	sku := rc.q("sku")
	var skus []string
	if sku != "" {
		skus = strings.Split(sku, ",")
		if len(skus) > 1 {
			skus = append(skus, sku)
		}
	}
	typ := rc.q("type")
	var cats, tags, parents, parentEx []int64
	if v := rc.q("category"); v != "" {
		cats = parseIDList(v)
	}
	if v := rc.q("tag"); v != "" {
		tags = parseIDList(v)
	}
	if v := rc.q("parent"); v != "" {
		parents = parseIDList(v)
	}
	if v := rc.q("parent_exclude"); v != "" {
		parentEx = parseIDList(v)
	}
	slug := rc.q("slug")
	stockStatus := rc.q("stock_status")
	featured, hasFeatured := rc.qBool("featured")
	onSale, hasOnSale := rc.qBool("on_sale")
	minPrice, maxPrice := rc.q("min_price"), rc.q("max_price")

	var rows []listRow[*prod]
	var related map[int64][]int64 // built for the first product rendered
	for _, p := range s.products {
		if p.isVariation() && len(skus) == 0 {
			continue
		}
		switch status {
		case "any":
			if p.status == "trash" {
				continue
			}
		default:
			if p.status != status {
				continue
			}
		}
		if len(skus) > 0 && !contains(skus, p.sku) {
			continue
		}
		if typ != "" && p.typ != typ {
			continue
		}
		if len(cats) > 0 && !intersects(p.categories, cats) {
			continue
		}
		if len(tags) > 0 && !intersects(p.tags, tags) {
			continue
		}
		if len(parents) > 0 && !containsID(parents, p.parentID) {
			continue
		}
		if len(parentEx) > 0 && containsID(parentEx, p.parentID) {
			continue
		}
		if slug != "" && p.slug != slug {
			continue
		}
		if stockStatus != "" && s.computedStockStatus(p) != stockStatus {
			continue
		}
		if hasFeatured && p.featured != featured {
			continue
		}
		price := p.activePrice()
		if p.typ == "variable" {
			price, _, _ = s.variablePrices(p)
		}
		if hasOnSale {
			sale := p.onSale()
			if p.typ == "variable" {
				_, _, sale = s.variablePrices(p)
			}
			if sale != onSale {
				continue
			}
		}
		if minPrice != "" && dec(price).LessThan(dec(minPrice)) {
			continue
		}
		if maxPrice != "" && dec(price).GreaterThan(dec(maxPrice)) {
			continue
		}
		rows = append(rows, listRow[*prod]{key: rowKey{id: p.id, created: p.created, modified: p.modified, title: s.fullName(p), slug: p.slug,
			text: strings.ToLower(s.fullName(p) + " " + p.description + " " + p.shortDescription + " " + p.sku)}, v: p})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "date", defOrder: "desc", extraOrder: func(ob string, a, b rowKey) (int, bool) {
		pa, pb := s.products[a.id], s.products[b.id]
		if pa == nil || pb == nil {
			return 0, false
		}
		switch ob {
		case "price":
			return dec(pa.activePrice()).Cmp(dec(pb.activePrice())), true
		case "popularity":
			return pa.totalSales - pb.totalSales, true
		case "menu_order":
			if pa.menuOrder != pb.menuOrder {
				return pa.menuOrder - pb.menuOrder, true
			}
			return strings.Compare(pa.name, pb.name), true
		case "rating", "comment_count":
			return 0, true // the fake has no reviews: every product ties
		}
		return cmpInt(a.id, b.id), true
	}}, func(p *prod) any {
		if related == nil {
			related = s.relatedIndex()
		}
		return s.renderProductRelated(rc.base, p, rc.edit, related)
	})
}

func intersects(a, b []int64) bool {
	for _, x := range a {
		if containsID(b, x) {
			return true
		}
	}
	return false
}

func containsID(list []int64, id int64) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

func (s *Store) handleCreateProduct(rc *reqCtx) *response {
	p, err := s.createProduct(rc.body)
	if err != nil {
		return err.response()
	}
	rc.emit(s, "product.created", p.id)
	return created(s.renderProduct(rc.base, p, true), fmt.Sprintf("%s/wp-json/wc/v3/products/%d", rc.base, p.id))
}

func (s *Store) handleGetProduct(rc *reqCtx) *response {
	p := s.productFromPath(rc)
	if p == nil {
		return invalidID("product", 404).response()
	}
	return ok(s.renderProduct(rc.base, p, rc.edit))
}

// updateProduct applies a body to product id; it returns the updated
// product or an error with the status WooCommerce uses for updates.
func (s *Store) updateProduct(rc *reqCtx, id int64, body map[string]json.RawMessage) (*prod, *apiError) {
	p := s.products[id]
	if p == nil {
		return nil, invalidID("product", 400)
	}
	if p.isVariation() {
		return nil, newErr(400, "woocommerce_rest_invalid_product_id",
			"To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.")
	}
	c := copyProd(p)
	before := p.stock
	beforeStatus := p.status
	if err := s.applyProduct(c, body, false); err != nil {
		return nil, err
	}
	c.modified = s.now()
	s.products[id] = c
	// Untrashing over REST (a status change) is an update, not a restore.
	_ = beforeStatus
	rc.emit(s, "product.updated", id)
	if c.manageStock && c.stock != before {
		rc.emitAction(s, "woocommerce_product_set_stock")
	}
	return c, nil
}

func (s *Store) handleUpdateProduct(rc *reqCtx) *response {
	p, err := s.updateProduct(rc, rc.ids[0], rc.body)
	if err != nil {
		return err.response()
	}
	return ok(s.renderProduct(rc.base, p, true))
}

// deleteProduct trashes or force-deletes a product; it returns the
// representation taken before the change, as WooCommerce does.
func (s *Store) deleteProduct(rc *reqCtx, id int64, force bool) (any, *apiError) {
	p := s.products[id]
	if p == nil {
		return nil, invalidID("product", 404)
	}
	if p.isVariation() {
		return nil, newErr(404, "woocommerce_rest_invalid_product_id",
			"To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.")
	}
	out := s.renderProduct(rc.base, p, true)
	if force {
		for _, k := range s.children(id) {
			delete(s.products, k.id)
		}
		delete(s.products, id)
		// WooCommerce sends no webhook for a permanent deletion.
		return out, nil
	}
	if p.status == "trash" {
		return nil, newErr(410, "woocommerce_rest_already_trashed", "The product has already been deleted.")
	}
	s.trash(p)
	rc.emit(s, "product.deleted", id)
	return out, nil
}

// trash moves a product to the trash as wp_trash_post does.
func (s *Store) trash(p *prod) {
	s.seq.meta++
	p.meta = append(p.meta, MetaData{ID: s.seq.meta, Key: "_wp_trash_meta_status", Value: p.status})
	s.seq.meta++
	p.meta = append(p.meta, MetaData{ID: s.seq.meta, Key: "_wp_trash_meta_time", Value: fmt.Sprint(s.now().Unix())})
	p.status = "trash"
	p.modified = s.now()
}

func (rc *reqCtx) force() bool {
	v, ok := rc.param("force")
	return ok && asBool(v)
}

func (s *Store) handleDeleteProduct(rc *reqCtx) *response {
	out, err := s.deleteProduct(rc, rc.ids[0], rc.force())
	if err != nil {
		return err.response()
	}
	return ok(out)
}

func productListArgs() []arg {
	return collectionArgs([]string{"date", "modified", "id", "include", "title", "slug", "price", "popularity", "rating", "menu_order", "comment_count"},
		a("parent", tIDs()), a("parent_exclude", tIDs()), a("slug", tS()),
		a("status", tE("any", "future", "trash", "draft", "pending", "private", "publish")),
		a("include_status", tS()), a("exclude_status", tS()),
		a("type", tE(productTypes...)), a("sku", tS()), a("featured", tB()), a("category", tS()), a("tag", tS()),
		a("shipping_class", tS()), a("attribute", tS()), a("attribute_term", tS()), a("tax_class", tS()),
		a("on_sale", tB()), a("min_price", tS()), a("max_price", tS()),
		a("stock_status", tE("instock", "outofstock", "onbackorder")))
}

func init() {
	addRoute("/products", map[string]*handler{
		"GET":  {fn: (*Store).listProducts, perm: permList, args: productListArgs()},
		"POST": {fn: (*Store).handleCreateProduct, perm: permCreate, body: productBody()},
	})
	addRoute("/products/batch", map[string]*handler{
		editable: {fn: (*Store).batchProducts, perm: permBatch},
	})
	addRoute("/products/{id}", map[string]*handler{
		"GET":    {fn: (*Store).handleGetProduct, perm: permView, args: []arg{a("context", tE("view", "edit"))}, exists: productExists},
		editable: {fn: (*Store).handleUpdateProduct, perm: permEdit, body: productBody(), exists: productExists},
		"DELETE": {fn: (*Store).handleDeleteProduct, perm: permDelete, args: []arg{a("force", tB())}, exists: productExists},
	})
}
