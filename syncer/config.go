package syncer

import (
	"fmt"

	"github.com/woonexo/woonexo/mapping"
)

// Owner says which side's changes to a group of fields are carried across.
type Owner string

// Owners of a field group.
const (
	// OwnerBoth carries changes both ways; when both sides changed since the
	// last sync, the later modification wins (stock is a counter and merges).
	OwnerBoth Owner = "both"
	// OwnerWoo carries only WooCommerce's changes to NexoPOS.
	OwnerWoo Owner = "woocommerce"
	// OwnerNexo carries only NexoPOS's changes to WooCommerce.
	OwnerNexo Owner = "nexopos"
)

func (o Owner) allows(from Side) bool {
	switch o {
	case OwnerWoo:
		return from == Woo
	case OwnerNexo:
		return from == Nexo
	}
	return true
}

// Ownership assigns an owner to each group of product fields. The zero
// value is the default: everything both ways.
type Ownership struct {
	Content Owner // name, description, SKU, category, status, images
	Price   Owner // regular and sale price
	Stock   Owner // stock quantity (a counter: both sides' changes merge)
}

func (o Ownership) content() Owner { return orBoth(o.Content) }
func (o Ownership) price() Owner   { return orBoth(o.Price) }
func (o Ownership) stock() Owner   { return orBoth(o.Stock) }

func orBoth(o Owner) Owner {
	if o == "" {
		return OwnerBoth
	}
	return o
}

// DeletePolicy says what a confirmed delete on one side does on the other.
type DeletePolicy string

// Delete policies.
const (
	// DeleteUnlink forgets the link and leaves the other record alone. It is
	// the default: a delete never destroys data on the other side unless
	// asked to.
	DeleteUnlink DeletePolicy = "unlink"
	// DeleteTrash unpublishes: WooCommerce trash, NexoPOS status
	// unavailable.
	DeleteTrash DeletePolicy = "trash"
	// DeleteDelete deletes the record on the other side.
	DeleteDelete DeletePolicy = "delete"
)

// Direction toggles what is sent each way, per kind.
type Direction struct {
	Categories bool
	Products   bool
	Customers  bool
	Orders     bool
	Stock      bool
}

// AllDirections enables every kind.
var AllDirections = Direction{Categories: true, Products: true, Customers: true, Orders: true, Stock: true}

// Defaults are the NexoPOS references given to records that arrive from
// WooCommerce without one.
type Defaults struct {
	CategoryID      int64 // NexoPOS category for products without a linked category
	UnitGroupID     int64 // NexoPOS unit group of new products
	UnitID          int64 // NexoPOS unit that mirrors WooCommerce stock and price
	TaxGroupID      int64 // NexoPOS tax group of new products (0: none)
	CustomerGroupID int64 // NexoPOS customer group of new customers (required to send customers or orders; see Engine.CheckDefaults)
	// WalkInCustomerID is the NexoPOS customer of guest web orders.
	WalkInCustomerID int64
	// OrderType is the NexoPOS order type identifier of web orders
	// ("delivery" by default).
	OrderType string
}

// Config is what the reconciliation core needs to decide. The zero value is
// not usable: see Validate.
type Config struct {
	Defaults Defaults
	// PaymentMap maps a WooCommerce payment method id ("bacs", "cod",
	// "stripe") to a NexoPOS payment type identifier ("bank-payment").
	PaymentMap map[string]string
	// FallbackPayment is the NexoPOS payment identifier for web orders
	// whose method is not in PaymentMap. Empty: such orders are skipped and
	// recorded as skips (their stock still moves).
	FallbackPayment string
	// ShippingMethodID and ShippingMethodTitle name the WooCommerce
	// shipping line of orders sent from NexoPOS ("flat_rate").
	ShippingMethodID    string
	ShippingMethodTitle string
	// Ownership of product field groups.
	Ownership Ownership
	// ToWoo and ToNexo toggle what is sent each way.
	ToWoo, ToNexo Direction
	// OnDelete says what a confirmed delete does on the other side, per
	// kind; missing kinds use DeleteUnlink.
	OnDelete map[mapping.Kind]DeletePolicy
}

// DefaultConfig returns a Config that sends everything both ways with the
// given NexoPOS defaults.
func DefaultConfig(d Defaults) Config {
	return Config{Defaults: d, ToWoo: AllDirections, ToNexo: AllDirections, PaymentMap: map[string]string{}}
}

// Validate reports what is missing from c.
func (c Config) Validate() error {
	if c.ToNexo.Products && (c.Defaults.UnitGroupID <= 0 || c.Defaults.UnitID <= 0) {
		return fmt.Errorf("syncer: config: Defaults.UnitGroupID and Defaults.UnitID are required to send products to NexoPOS")
	}
	if c.ToNexo.Orders && c.Defaults.WalkInCustomerID <= 0 {
		return fmt.Errorf("syncer: config: Defaults.WalkInCustomerID is required to send guest orders to NexoPOS")
	}
	return nil
}

func (c Config) direction(to Side) Direction {
	if to == Woo {
		return c.ToWoo
	}
	return c.ToNexo
}

func (c Config) deletePolicy(k mapping.Kind) DeletePolicy {
	if p, ok := c.OnDelete[k]; ok && p != "" {
		return p
	}
	return DeleteUnlink
}

func (c Config) orderType() string {
	if c.Defaults.OrderType != "" {
		return c.Defaults.OrderType
	}
	return "delivery"
}
