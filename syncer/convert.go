package syncer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// MetaNexoOrderID is the WooCommerce order meta key holding the NexoPOS
// order id of an order woonexo created from a POS sale: the stable key
// that finds it again after a create that timed out.
const MetaNexoOrderID = "_woonexo_nexopos_order_id"

// MetaNexoRefundID is the WooCommerce refund meta key holding the NexoPOS
// refund a refund was carried from, so that each is carried once.
const MetaNexoRefundID = "_woonexo_nexopos_refund_id"

// nexoNotePrefix starts the NexoPOS order note of an order woonexo created
// from a web order; the WooCommerce order id follows.
const nexoNotePrefix = "woonexo:woocommerce-order:"

var notePattern = regexp.MustCompile(`woonexo:woocommerce-order:(\d+)`)

// NexoOrderNote returns the note woonexo writes on a NexoPOS order created
// from WooCommerce order wooID.
func NexoOrderNote(wooID int64, extra string) string {
	n := nexoNotePrefix + strconv.FormatInt(wooID, 10)
	if extra = strings.TrimSpace(extra); extra != "" {
		n += "\n" + extra
	}
	return n
}

func gmt(t woocommerce.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

// CategoryFromWoo converts a WooCommerce category.
func CategoryFromWoo(c woocommerce.Category) Category {
	return Category{Side: Woo, ID: c.ID, Name: c.Name, ParentID: c.Parent, Description: c.Description}
}

// CategoryFromNexo converts a NexoPOS category.
func CategoryFromNexo(c nexopos.Category) Category {
	return Category{Side: Nexo, ID: c.ID, Name: c.Name, ParentID: c.ParentID, Description: c.Description, Modified: c.UpdatedAt.UTC()}
}

// ProductFromWoo converts a WooCommerce product (or a variation sent as a
// product, as webhooks do).
func ProductFromWoo(p woocommerce.Product) Product {
	out := Product{
		Side: Woo, ID: p.ID, Name: p.Name, SKU: p.SKU, Description: p.Description,
		Variation: p.Type == "variation", Variable: p.Type == "variable", Published: p.Status == "publish",
		RegularPrice: p.RegularPrice, SalePrice: p.SalePrice,
		ManageStock: p.ManageStock == woocommerce.StockManaged,
		Modified:    gmt(p.DateModifiedGMT),
	}
	if out.Variation {
		out.ParentID = p.ParentID
	} else {
		out.TotalSales = DecimalFromInt(int64(p.TotalSales))
	}
	if p.StockQuantity.Valid {
		out.Stock = DecimalFromInt(p.StockQuantity.Int64)
	}
	for _, c := range p.Categories {
		out.CategoryIDs = append(out.CategoryIDs, c.ID)
	}
	for _, im := range p.Images {
		out.Images = append(out.Images, im.Src)
	}
	return out
}

// VariationFromWoo converts a variation of parent; a variation that shows
// its parent's SKU (it has none of its own) has none. The name joins the
// parent's name and the variation's attribute values ("Shirt - Red, L"),
// and the variation takes the parent's categories.
func VariationFromWoo(parent woocommerce.Product, v woocommerce.Variation) Product {
	out := Product{
		Side: Woo, ID: v.ID, ParentID: parent.ID, Variation: true, SKU: v.SKU, Description: v.Description,
		Published: v.Status == "publish", RegularPrice: v.RegularPrice, SalePrice: v.SalePrice,
		ManageStock: v.ManageStock == woocommerce.StockManaged,
		Modified:    gmt(v.DateModifiedGMT),
	}
	if v.SKU != "" && v.SKU == parent.SKU {
		// No SKU of its own: WooCommerce shows the parent's in its place,
		// which every sibling shares.
		out.SKU = ""
	}
	var opts []string
	for _, a := range v.Attributes {
		opts = append(opts, a.Option)
	}
	out.Name = parent.Name
	if len(opts) > 0 {
		out.Name += " - " + strings.Join(opts, ", ")
	}
	if v.StockQuantity.Valid {
		out.Stock = DecimalFromInt(v.StockQuantity.Int64)
	}
	for _, c := range parent.Categories {
		out.CategoryIDs = append(out.CategoryIDs, c.ID)
	}
	if v.Image != nil && v.Image.Src != "" {
		out.Images = []string{v.Image.Src}
	}
	return out
}

// ProductFromNexo converts a NexoPOS product with the unit quantity that
// mirrors WooCommerce (the configured unit; the first one when unitID is 0
// or not found).
func ProductFromNexo(p nexopos.Product, units []nexopos.UnitQuantity, unitID int64) Product {
	out := Product{
		Side: Nexo, ID: p.ID, Name: p.Name, SKU: p.SKU, Barcode: p.Barcode, Description: p.Description,
		Published:   p.Status == nexopos.StatusAvailable,
		ManageStock: p.StockManagement == nexopos.StockEnabled,
		Modified:    p.UpdatedAt.UTC(),
	}
	if p.CategoryID != 0 {
		out.CategoryIDs = []int64{p.CategoryID}
	}
	if uq, ok := pickUnit(units, unitID); ok {
		out.UnitID, out.UnitQuantityID = uq.UnitID, uq.ID
		out.RegularPrice = uq.SalePriceEdit
		if !out.RegularPrice.Valid() {
			out.RegularPrice = uq.SalePrice
		}
		if out.ManageStock {
			out.Stock = uq.Quantity
			if !out.Stock.Valid() {
				out.Stock = DecimalFromInt(0)
			}
		}
	}
	return out
}

func pickUnit(units []nexopos.UnitQuantity, unitID int64) (nexopos.UnitQuantity, bool) {
	for _, u := range units {
		if unitID != 0 && u.UnitID == unitID {
			return u, true
		}
	}
	if len(units) > 0 {
		return units[0], true
	}
	return nexopos.UnitQuantity{}, false
}

func addressFromWoo(a woocommerce.Address) Address {
	return Address{FirstName: a.FirstName, LastName: a.LastName, Company: a.Company, Address1: a.Address1,
		Address2: a.Address2, City: a.City, State: a.State, Postcode: a.Postcode, Country: a.Country,
		Email: a.Email, Phone: a.Phone}
}

func addressFromNexo(a *nexopos.Address) Address {
	if a == nil {
		return Address{}
	}
	return Address{FirstName: a.FirstName, LastName: a.LastName, Company: a.Company, Address1: a.Address1,
		Address2: a.Address2, City: a.City, Postcode: a.Pobox, Country: a.Country, Email: a.Email, Phone: a.Phone}
}

// CustomerFromWoo converts a WooCommerce customer.
func CustomerFromWoo(c woocommerce.Customer) Customer {
	return Customer{Side: Woo, ID: c.ID, Email: c.Email, FirstName: c.FirstName, LastName: c.LastName,
		Phone: c.Billing.Phone, Role: c.Role, Billing: addressFromWoo(c.Billing), Shipping: addressFromWoo(c.Shipping),
		Modified: gmt(c.DateModifiedGMT)}
}

// CustomerFromNexo converts a NexoPOS customer.
func CustomerFromNexo(c nexopos.Customer) Customer {
	return Customer{Side: Nexo, ID: c.ID, Email: c.Email, FirstName: c.FirstName, LastName: c.LastName,
		Phone: c.Phone, Billing: addressFromNexo(c.Billing), Shipping: addressFromNexo(c.Shipping),
		Modified: c.UpdatedAt.UTC()}
}

// WooOrderState maps a WooCommerce order status to an OrderState.
func WooOrderState(status string) OrderState {
	switch status {
	case "processing", "completed":
		return OrderPaid
	case "cancelled", "trash":
		return OrderCancelled
	case "refunded":
		return OrderRefunded
	}
	// pending, on-hold, failed, checkout-draft and custom statuses: not
	// paid.
	return OrderPending
}

// NexoOrderState maps a NexoPOS payment status to an OrderState.
func NexoOrderState(paymentStatus string) OrderState {
	switch paymentStatus {
	case nexopos.PaymentStatusPaid, nexopos.PaymentStatusPartiallyPaid:
		return OrderPaid
	case nexopos.PaymentStatusVoid:
		return OrderCancelled
	case nexopos.PaymentStatusRefunded, nexopos.PaymentStatusPartiallyRefunded:
		return OrderRefunded
	}
	return OrderPending
}

// OrderFromWoo converts a WooCommerce order. Fee lines become lines
// without a product.
func OrderFromWoo(o woocommerce.Order) Order {
	out := Order{
		Side: Woo, ID: o.ID, Number: o.Number, State: WooOrderState(o.Status), RawStatus: o.Status,
		CustomerID: o.CustomerID, Email: o.Billing.Email, PaymentMethod: o.PaymentMethod,
		Shipping: o.ShippingTotal, Discount: o.DiscountTotal, Total: o.Total,
		Billing: addressFromWoo(o.Billing), ShippingAddr: addressFromWoo(o.Shipping),
		Modified: gmt(o.DateModifiedGMT),
	}
	if v := o.MetaData.Value(MetaNexoOrderID); v != "" {
		out.Ref, _ = strconv.ParseInt(v, 10, 64)
	}
	for _, r := range o.Refunds {
		if r.Total.Valid() {
			if !out.Refunded.Valid() {
				out.Refunded = DecimalFromInt(0)
			}
			out.Refunded = out.Refunded.Sub(r.Total) // refund totals are negative
		}
	}
	for _, li := range o.LineItems {
		l := OrderLine{ProductID: li.ProductID, SKU: li.SKU, Name: li.Name, Quantity: li.Quantity, Total: li.Total}
		if v := li.MetaData.Value("_reduced_stock"); v != "" {
			_ = l.Reduced.UnmarshalText([]byte(v))
		}
		if li.VariationID != 0 {
			l.ProductID, l.Variation = li.VariationID, true
		}
		if li.Quantity.Sign() != 0 {
			l.UnitPrice = DecimalFrom(li.Subtotal.Decimal().Div(li.Quantity.Decimal()).Round(4))
		}
		out.Lines = append(out.Lines, l)
	}
	for _, f := range o.FeeLines {
		out.Lines = append(out.Lines, OrderLine{Name: f.Name, Quantity: DecimalFromInt(1), UnitPrice: f.Total, Total: f.Total})
	}
	return out
}

// OrderFromNexo converts a NexoPOS order (as Get returns it, with its
// products and payments).
func OrderFromNexo(o nexopos.Order) Order {
	out := Order{
		Side: Nexo, ID: o.ID, Number: o.Code, State: NexoOrderState(o.PaymentStatus), RawStatus: o.PaymentStatus,
		CustomerID: o.CustomerID, Shipping: o.Shipping, Discount: o.Discount, Total: o.Total,
		Billing: addressFromNexo(o.BillingAddress), ShippingAddr: addressFromNexo(o.ShippingAddress),
		Modified: o.UpdatedAt.UTC(),
	}
	if o.Customer != nil {
		out.Email = o.Customer.Email
	}
	if m := notePattern.FindStringSubmatch(o.Note); m != nil {
		out.Ref, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if len(o.Payments) > 0 {
		out.PaymentMethod = o.Payments[0].Identifier
	}
	for _, p := range o.Products {
		out.Lines = append(out.Lines, OrderLine{ProductID: p.ProductID, Name: p.Name, Quantity: p.Quantity,
			UnitPrice: p.UnitPrice, Total: p.TotalPrice})
	}
	return out
}
