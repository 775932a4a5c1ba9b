package syncer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/woonexo/woonexo/internal/wire"
	"github.com/woonexo/woonexo/mapping"
)

// Decimal is the exact decimal both API packages use for money and
// quantities.
type Decimal = wire.Decimal

// DecimalFromInt returns the Decimal n.
func DecimalFromInt(n int64) Decimal { return wire.DecimalFromInt(n) }

// DecimalFrom wraps a shopspring decimal as a Decimal.
func DecimalFrom(d decimal.Decimal) Decimal { return wire.DecimalFrom(d) }

// Side names WooCommerce or NexoPOS.
type Side = mapping.Side

// The two sides.
const (
	Woo  = mapping.SideWoo
	Nexo = mapping.SideNexo
)

// other returns the side opposite s.
func other(s Side) Side {
	if s == Woo {
		return Nexo
	}
	return Woo
}

// The reconciliation core works on records: one shape per kind for both
// sides, with ids local to the side they come from. The engine converts the
// API packages' models to records (see convert.go) and back, so the pure
// functions never see a wire format and can be tested with plain values.

// Category is a product category on one side.
type Category struct {
	Side        Side
	ID          int64
	Name        string
	ParentID    int64 // 0 for a root category
	Description string
	Modified    time.Time
}

// Product is a sellable item on one side. A WooCommerce variation is a
// Product whose ParentID names the variable product; on NexoPOS it is a
// product of its own (see the package doc).
type Product struct {
	Side      Side
	ID        int64
	ParentID  int64 // WooCommerce variations only
	Name      string
	SKU       string
	Barcode   string
	Variation bool
	// Variable marks a WooCommerce variable product: its variations are the
	// products that sync, each on its own; the parent itself does not.
	Variable     bool
	Published    bool // WooCommerce status "publish", NexoPOS status "available"
	Description  string
	RegularPrice Decimal
	SalePrice    Decimal // unset when there is no sale
	CategoryIDs  []int64 // ids on the record's own side
	ManageStock  bool
	Stock        Decimal // unset when stock is not tracked
	// TotalSales is WooCommerce's counter of units sold through paid orders
	// (simple and parent products only). It lets the core tell a stock
	// change made by an order, which reaches NexoPOS as that order, from
	// one made by a person, which must travel as a delta.
	TotalSales Decimal
	Images     []string
	Modified   time.Time

	// NexoPOS only: the unit that mirrors WooCommerce stock and price.
	UnitID         int64
	UnitQuantityID int64
}

// Address is a billing or shipping address.
type Address struct {
	FirstName, LastName, Company    string
	Address1, Address2, City, State string
	Postcode, Country, Email, Phone string
}

// Customer is a customer on one side.
type Customer struct {
	Side      Side
	ID        int64
	Email     string
	FirstName string
	LastName  string
	Phone     string
	// Role is WooCommerce's user role ("customer", "administrator", ...).
	Role     string
	Billing  Address
	Shipping Address
	Modified time.Time
}

// OrderState is an order's state in terms both sides understand.
type OrderState string

// Order states.
const (
	// OrderPending is not paid yet (WooCommerce pending, on-hold, failed;
	// NexoPOS hold, unpaid).
	OrderPending OrderState = "pending"
	// OrderPaid is paid (WooCommerce processing, completed; NexoPOS paid,
	// partially paid).
	OrderPaid OrderState = "paid"
	// OrderCancelled was cancelled (WooCommerce cancelled; NexoPOS void).
	OrderCancelled OrderState = "cancelled"
	// OrderRefunded was refunded in full or in part.
	OrderRefunded OrderState = "refunded"
)

// OrderLine is one line of an order. ProductID is the id on the order's own
// side; 0 marks a line without a product (a NexoPOS "quick" product, or a
// WooCommerce fee line).
type OrderLine struct {
	ProductID int64
	// Variation says ProductID is a WooCommerce variation id.
	Variation bool
	SKU       string
	Name      string
	Quantity  Decimal
	UnitPrice Decimal
	Total     Decimal
	// Reduced is the stock the line still holds taken on its own side:
	// WooCommerce's _reduced_stock line meta, which it sets when the order
	// takes stock and lowers when a refund restocks. Unset for NexoPOS.
	Reduced Decimal
}

// Order is an order on one side.
type Order struct {
	Side          Side
	ID            int64
	Number        string
	State         OrderState
	RawStatus     string // the side's own status word, for messages
	CustomerID    int64  // 0 for a guest
	Email         string
	PaymentMethod string // WooCommerce payment method id or NexoPOS payment identifier
	Lines         []OrderLine
	Shipping      Decimal
	Discount      Decimal
	Total         Decimal
	Billing       Address
	ShippingAddr  Address
	// Ref is the id of the same order on the other side when the order
	// says so itself (WooCommerce meta data, NexoPOS note): the stable key
	// that makes creates idempotent.
	Ref      int64
	Modified time.Time
	// Refunded is the money the order's refunds gave back (WooCommerce
	// only; unset without refunds). A partial refund leaves a WooCommerce
	// order in its state, so it is what tells the change.
	Refunded Decimal
}

// fingerprint hashes the parts of a record that travel to the other side,
// in a form both sides produce alike, so that a write coming back as a
// webhook or a polled change is recognised (echo suppression).
func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s|", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func money(d Decimal) string {
	if !d.Valid() {
		return ""
	}
	return d.StringFixed(2)
}

// Fingerprint returns the category's content fingerprint. The parent is
// not part of it: parents are ids local to a side.
func (c Category) Fingerprint() string { return fingerprint("category", norm(c.Name)) }

// Fingerprint returns the product's content fingerprint: name, SKU and
// prices (stock travels as a counter, not as content).
func (p Product) Fingerprint() string {
	return fingerprint("product", norm(p.Name), p.SKU, money(p.RegularPrice), money(p.SalePrice))
}

// Fingerprint returns the customer's content fingerprint.
func (c Customer) Fingerprint() string {
	return fingerprint("customer", strings.ToLower(strings.TrimSpace(c.Email)), norm(c.FirstName), norm(c.LastName))
}

// Fingerprint returns the order's fingerprint: state and lines.
func (o Order) Fingerprint() string {
	parts := []string{"order", string(o.State), money(o.Total)}
	if o.Refunded.Valid() && o.Refunded.Sign() != 0 {
		parts = append(parts, "refunded "+money(o.Refunded))
	}
	lines := make([]string, 0, len(o.Lines))
	for _, l := range o.Lines {
		lines = append(lines, fmt.Sprintf("%s x%s", l.SKU, l.Quantity.String()))
	}
	slices.Sort(lines)
	return fingerprint(append(parts, lines...)...)
}
