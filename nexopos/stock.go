package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Stock adjustment actions (ProductHistory operation types). Added,
// Returned and Procured add stock; Removed, Defective, Lost and Deleted
// remove it; Set (5.x and later) sets an absolute quantity, which NexoPOS
// records as an added or removed movement of the difference.
const (
	ActionAdded     = "added"
	ActionReturned  = "returned"
	ActionProcured  = "procured"
	ActionRemoved   = "removed"
	ActionDefective = "defective"
	ActionLost      = "lost"
	ActionDeleted   = "deleted"
	ActionSet       = "set"
	// Movements NexoPOS records itself, seen in history but not accepted
	// as adjustments by this client.
	ActionSold             = "sold"
	ActionVoidReturn       = "void-return"
	ActionTransferIn       = "incoming-transfer"
	ActionTransferOut      = "outgoing-transfer"
	ActionTransferRejected = "transfer-rejected"
	ActionTransferCanceled = "transfer-canceled"
	ActionAdjustmentReturn = "return-adjustment"
	ActionAdjustmentSale   = "sale-adjustment"
	ActionConvertIn        = "convert-in"
	ActionConvertOut       = "convert-out"
)

// HistoryEntry is one stock movement of a product in one unit
// (nexopos_products_histories).
type HistoryEntry struct {
	ID                   int64 `json:"id"`
	ProductID            int64 `json:"product_id"`
	UnitID               int64 `json:"unit_id"`
	ProcurementID        int64 `json:"procurement_id"`
	ProcurementProductID int64 `json:"procurement_product_id"`
	// OrderID and OrderProductID are set for movements caused by orders.
	OrderID        int64 `json:"order_id"`
	OrderProductID int64 `json:"order_product_id"`
	// OperationType is one of the Action* constants.
	OperationType  string  `json:"operation_type"`
	BeforeQuantity Decimal `json:"before_quantity"`
	Quantity       Decimal `json:"quantity"`
	AfterQuantity  Decimal `json:"after_quantity"`
	UnitPrice      Decimal `json:"unit_price"`
	TotalPrice     Decimal `json:"total_price"`
	Description    string  `json:"description"`
	AuthorID       int64   `json:"author_id" alt:"author"`
	CreatedAt      Time    `json:"created_at"`
	UpdatedAt      Time    `json:"updated_at"`
	// ProductName, UnitName and OrderCode are set in CRUD list rows.
	ProductName string `json:"product_name,omitempty" alt:"products_name"`
	UnitName    string `json:"unit_name,omitempty" alt:"units_name"`
	OrderCode   string `json:"order_code,omitempty" alt:"orders_code"`
	// Display holds the display strings of CRUD list columns ("USD 300,00 ")
	// whose raw value could not be read; set only on list rows.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a history entry from any NexoPOS version.
func (h *HistoryEntry) UnmarshalJSON(b []byte) error { return decodeObject(b, h) }

var historyLabels = map[string]string{
	"Assignation": ActionSet, "Stocked": ActionProcured, "Defective": ActionDefective, "Deleted": ActionDeleted,
	"Removed": ActionRemoved, "Returned": ActionReturned, "Sold": ActionSold, "Lost": ActionLost, "Added": ActionAdded,
	"Incoming Transfer": ActionTransferIn, "Outgoing Transfer": ActionTransferOut,
	"Transfer Rejected": ActionTransferRejected, "Transfer Canceled": ActionTransferCanceled,
	"Void Return": ActionVoidReturn, "Adjustment Return": ActionAdjustmentReturn,
	"Adjustment Sale": ActionAdjustmentSale, "Incoming Conversion": ActionConvertIn,
	"Outgoing Conversion": ActionConvertOut,
}

var globalHistoryList = crudList{
	namespace: NamespaceGlobalProductsHistory,
	labels:    map[string]map[string]string{"operation_type": historyLabels},
}

// Adjustment is one stock change of a product in one unit.
type Adjustment struct {
	// ProductID and UnitID are required: stock lives per product and unit.
	ProductID int64
	UnitID    int64
	// UnitQuantityID is the unit quantity's id, recorded with the change.
	UnitQuantityID int64
	// Action is one of ActionAdded, ActionReturned, ActionProcured,
	// ActionRemoved, ActionDefective, ActionLost, ActionDeleted, ActionSet.
	Action string
	// Quantity is the amount to add or remove, or the new stock for
	// ActionSet; never negative.
	Quantity Decimal
	// Reason describes the change (NexoPOS 5.x does not store it).
	Reason string
	// UnitPrice is the value per unit recorded in the history.
	UnitPrice Decimal
	// ProductName appears in NexoPOS's error messages.
	ProductName string
}

type adjustmentForm struct {
	Products []adjustmentProduct `json:"products"`
}

type adjustmentProduct struct {
	ID             int64          `json:"id"`
	Name           string         `json:"name"`
	AdjustAction   string         `json:"adjust_action"`
	AdjustUnit     adjustmentUnit `json:"adjust_unit"`
	AdjustQuantity number         `json:"adjust_quantity"`
	AdjustReason   string         `json:"adjust_reason"`
}

type adjustmentUnit struct {
	ID        int64  `json:"id,omitempty"`
	UnitID    int64  `json:"unit_id"`
	SalePrice number `json:"sale_price"`
}

// StockService changes stock and reads stock movements.
type StockService service

// Adjust applies the adjustments in one request and returns the history
// entries they created. NexoPOS refuses (ErrForbidden) a removal that
// would make a stock negative; a product whose stock management is
// disabled is not changed.
func (s *StockService) Adjust(ctx context.Context, adjustments ...Adjustment) ([]HistoryEntry, error) {
	const op = "adjust stock"
	if len(adjustments) == 0 {
		return nil, wrap(op, invalid(errors.New("no adjustment given")))
	}
	form := adjustmentForm{Products: make([]adjustmentProduct, 0, len(adjustments))}
	var errs []error
	for i, a := range adjustments {
		allowed := []string{ActionAdded, ActionReturned, ActionProcured, ActionRemoved, ActionDefective, ActionLost, ActionDeleted}
		if s.c.version != V4 {
			allowed = append(allowed, ActionSet)
		}
		switch {
		case a.ProductID <= 0 || a.UnitID <= 0:
			errs = append(errs, fmt.Errorf("adjustment %d: product id and unit id are required", i))
		case !a.Quantity.Valid() || a.Quantity.Sign() < 0:
			errs = append(errs, fmt.Errorf("adjustment %d: quantity must be set and not negative", i))
		}
		if err := oneOf("action", a.Action, allowed...); err != nil {
			errs = append(errs, fmt.Errorf("adjustment %d: %w (on %s)", i, err, s.c.version))
		}
		name := a.ProductName
		if strings.TrimSpace(name) == "" {
			name = fmt.Sprintf("#%d", a.ProductID)
		}
		form.Products = append(form.Products, adjustmentProduct{
			ID: a.ProductID, Name: name, AdjustAction: a.Action,
			AdjustUnit:     adjustmentUnit{ID: a.UnitQuantityID, UnitID: a.UnitID, SalePrice: number(a.UnitPrice)},
			AdjustQuantity: number(a.Quantity), AdjustReason: a.Reason,
		})
	}
	if len(errs) > 0 {
		return nil, wrap(op, invalid(errors.Join(errs...)))
	}
	var env envelope[[]HistoryEntry]
	if err := s.c.call(ctx, "POST", "products/adjustments", nil, form, &env); err != nil {
		return nil, wrap(op, err)
	}
	return env.Data, nil
}

// History returns one page of every product's stock movements
// (ns.global-products-history, newest first unless opts sorts).
func (s *StockService) History(ctx context.Context, opts *ListOptions) (*Page[HistoryEntry], error) {
	p, err := listCRUD[HistoryEntry](ctx, s.c, globalHistoryList, opts)
	return p, wrap("list stock history", err)
}

// AllHistory iterates over every stock movement from opts.Page on.
func (s *StockService) AllHistory(ctx context.Context, opts *ListOptions) iter.Seq2[HistoryEntry, error] {
	return iterateCRUD[HistoryEntry](ctx, s.c, globalHistoryList, opts, "list stock history")
}
