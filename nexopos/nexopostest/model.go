package nexopostest

import "time"

// Product is a product row of the fake, with its unit quantities. Values
// returned by [Server.Product] are copies.
type Product struct {
	ID               int64
	Name             string
	SKU              string
	Barcode          string
	BarcodeType      string // ean8, ean13, code128, ...
	Type             string // materialized, dematerialized, grouped
	Status           string // available, unavailable
	StockManagement  string // enabled, disabled
	TaxType          string // inclusive, exclusive, or "" (null)
	TaxGroupID       *int64
	CategoryID       int64
	UnitGroup        int64
	Description      *string
	Searchable       bool
	AccurateTracking bool
	AutoCOGS         bool
	Expires          bool
	OnExpiration     string
	Author           int64
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Units            []UnitQuantity
}

// UnitQuantity is the stock and prices of one product in one unit
// (nexopos_products_unit_quantities).
type UnitQuantity struct {
	ID                 int64
	ProductID          int64
	UnitID             int64
	Barcode            string
	Quantity           float64
	LowQuantity        float64
	StockAlertEnabled  bool
	SalePriceEdit      float64
	WholesalePriceEdit float64
	Visible            bool
	COGS               float64
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Category is a product category. ParentID is nil for a root created with
// parent_id null, and points to 0 for a root created with parent_id 0.
type Category struct {
	ID          int64
	Name        string
	ParentID    *int64
	Description *string
	Author      int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Customer is a user with the customer role (5.x/6.x), or a row of the
// customers table (4.x).
type Customer struct {
	ID              int64
	Username        string
	Email           string
	Password        string // a bcrypt-looking hash, as the real server returns
	FirstName       string
	LastName        *string
	Phone           *string
	Gender          *string
	GroupID         *int64
	Active          bool
	PurchasesAmount float64
	OwedAmount      float64
	CreditLimit     float64
	AccountAmount   float64
	Author          int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Billing         *Address
	Shipping        *Address
}

// Address is a customer or order address.
type Address struct {
	ID        int64
	Type      string // billing, shipping
	FirstName *string
	LastName  *string
	Email     *string
	Phone     *string
	Address1  *string
	Address2  *string
	Country   *string
	City      *string
	Pobox     *string
	Company   *string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Order is an order with its lines, payments and refunds.
type Order struct {
	ID                 int64
	Code               string
	Title              *string
	Type               string // takeaway, delivery
	PaymentStatus      string // paid, partially_paid, unpaid, hold, order_void, refunded, partially_refunded
	ProcessStatus      string
	DeliveryStatus     string
	CustomerID         int64
	Discount           float64
	DiscountType       *string
	DiscountPercentage float64
	Shipping           float64
	Subtotal           float64
	Total              float64
	TotalWithTax       float64
	TotalWithoutTax    float64
	Tendered           float64
	Change             float64
	Note               *string
	RegisterID         *int64
	VoidanceReason     *string
	Author             int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Products           []OrderProduct
	Payments           []Payment
	Refunds            []Refund
	addresses          []orderAddress
}

// OrderProduct is an order line. ProductID is 0 for a quick product.
type OrderProduct struct {
	ID                int64
	OrderID           int64
	ProductID         int64
	UnitQuantityID    int64
	UnitID            int64
	Name              string
	UnitName          string
	ProductCategoryID int64
	TaxGroupID        int64
	TaxType           string
	Status            string // sold, returned
	Quantity          float64
	UnitPrice         float64
	TotalPrice        float64
	Discount          float64
	DiscountType      string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Payment is an order payment.
type Payment struct {
	ID         int64
	OrderID    int64
	Identifier string
	Value      float64
	Author     int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Refund is an order refund with its lines.
type Refund struct {
	ID            int64
	OrderID       int64
	Total         float64
	Shipping      float64
	PaymentMethod string
	Author        int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Products      []RefundProduct
}

// RefundProduct is one refunded line.
type RefundProduct struct {
	ID             int64
	OrderProductID int64
	ProductID      int64
	UnitID         int64
	Quantity       float64
	UnitPrice      float64
	TotalPrice     float64
	Condition      string // unspoiled, damaged
	Description    string
	CreatedAt      time.Time
}

// HistoryEntry is one stock movement (nexopos_products_histories).
type HistoryEntry struct {
	ID             int64
	ProductID      int64
	UnitID         int64
	OrderID        *int64
	OrderProductID *int64
	OperationType  string // added, removed, sold, returned, void-return, return-adjustment, ...
	BeforeQuantity float64
	Quantity       float64
	AfterQuantity  float64
	UnitPrice      float64
	TotalPrice     float64
	Author         int64
	CreatedAt      time.Time
}

// PaymentType is a payment method orders may be paid with.
type PaymentType struct {
	ID         int64
	Label      string
	Identifier string
	Priority   int
	Active     bool
	Readonly   bool
	Author     int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Unit is a selling unit (piece, dozen) of a unit group.
type Unit struct {
	ID         int64
	Name       string
	Identifier string
	GroupID    int64
	Value      float64
	BaseUnit   bool
	Author     int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// UnitGroup groups units that convert into one another.
type UnitGroup struct {
	ID        int64
	Name      string
	Author    int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Tax is a tax rate (percent) within a tax group.
type Tax struct {
	ID         int64
	Name       string
	Rate       float64
	TaxGroupID int64
	Author     int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// TaxGroup groups the taxes applied together to a product.
type TaxGroup struct {
	ID        int64
	Name      string
	Author    int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CustomerGroup is a group of customers.
type CustomerGroup struct {
	ID        int64
	Name      string
	Author    int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

type orderAddress struct {
	Address
	OrderID int64
	// given lists the fields present in the request, echoed by the
	// create response as the real server does.
	given obj
}

// user is the store's administrator (the token owner).
type user struct {
	ID              int64
	Username        string
	Email           string
	Password        string
	TotalSalesCount int
	TotalSales      float64
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

type token struct {
	ID        int64
	Name      string
	Plain     string
	CreatedAt time.Time
	UpdatedAt time.Time
	LastUsed  *time.Time
}
