package nexopostest

import (
	"strconv"
)

// Stock operations of nexopos_products_histories.
var (
	increaseActions = []string{"added", "returned", "incoming-transfer", "procured", "void-return", "transfer-rejected", "transfer-canceled", "return-adjustment", "convert-in"}
	reduceActions   = []string{"outgoing-transfer", "removed", "sold", "defective", "lost", "sale-adjustment", "deleted", "convert-out"}
)

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// phpFloat prints a float as PHP's string conversion does.
func phpFloat(f float64) string { return strconv.FormatFloat(f, 'G', 14, 64) }

// knownAction reports whether the version has the adjustment action:
// "set" (an absolute count) came with 5.x; 4.x has only the actions that
// add or remove a quantity.
func (st *state) knownAction(action string) bool {
	return contains(increaseActions, action) || contains(reduceActions, action) || (action == "set" && st.h.cfg.version != V4)
}

// move changes the stock of one unit quantity and records the history row.
// It is the regular-product branch of ProductService::stockAdjustment.
func (st *state) move(p *Product, unitID int64, action string, quantity, unitPrice, totalPrice float64, orderID, orderProductID *int64) (*HistoryEntry, *apiError) {
	now := st.h.now()
	uq := p.unitQuantity(unitID)
	if uq == nil {
		p.Units = append(p.Units, UnitQuantity{ID: st.next("unit_quantities"), ProductID: p.ID, UnitID: unitID, Visible: true, CreatedAt: now, UpdatedAt: now})
		uq = &p.Units[len(p.Units)-1]
		uq.Barcode = p.Barcode + "-" + strconv.FormatInt(uq.ID, 10)
	}
	before := uq.Quantity
	op := action
	if action == "set" {
		diff := quantity - before
		if diff >= 0 {
			op, quantity = "added", diff
		} else {
			op, quantity = "removed", -diff
		}
	}
	after := before
	switch {
	case contains(reduceActions, op):
		after = before - quantity
		if after < 0 {
			return nil, errNotAllowed("Unable to proceed, this action will cause negative stock (%s). Old Quantity : (%s),  Quantity : (%s).", phpFloat(after), phpFloat(before), phpFloat(quantity))
		}
	case contains(increaseActions, op):
		after = before + quantity
	}
	uq.Quantity = money(after)
	uq.UpdatedAt = now
	e := &HistoryEntry{ID: st.next("history"), ProductID: p.ID, UnitID: unitID, OrderID: orderID, OrderProductID: orderProductID,
		OperationType: op, BeforeQuantity: before, Quantity: quantity, AfterQuantity: uq.Quantity,
		UnitPrice: unitPrice, TotalPrice: money(totalPrice), Author: st.author(), CreatedAt: now}
	st.history = append(st.history, e)
	return e, nil
}

func (c *call) adjustStock() (any, *apiError) {
	st := c.h.st
	items := c.body.arr("products")
	if items == nil && !c.body.has("products") {
		return nil, errException("Unable to proceed as the request is not valid.")
	}
	if len(items) == 0 && empty(c.body.val("products")) {
		return nil, errException("Unable to proceed as the request is not valid.")
	}
	for _, it := range items {
		u, _ := it.(obj)
		if !u.sub("adjust_unit").has("unit_id") || u.sub("adjust_unit").val("unit_id") == nil {
			return nil, errException("The unit is not set for the product \"%s\".", str(u.val("name")))
		}
		action := str(u.val("adjust_action"))
		if !u.has("adjust_action") {
			return nil, undefinedKey("adjust_action")
		}
		if !st.knownAction(action) {
			return nil, errException("Unsupported action for the product %s.", str(u.val("name")))
		}
		p := st.product(int64(num(u.val("id"))))
		if p != nil && contains(reduceActions, action) {
			if uq := p.unitQuantity(int64(num(u.sub("adjust_unit").val("unit_id")))); uq != nil {
				remaining := uq.Quantity - num(u.val("adjust_quantity"))
				if remaining < 0 {
					return nil, errNotAllowed("The operation will cause a negative stock for the product \"%s\" (%s).", p.Name, phpFloat(remaining))
				}
			}
		}
		if num(u.val("adjust_quantity")) < 0 {
			return nil, errNotAllowed("The adjustment quantity can't be negative for the product \"%s\" (%s)", str(u.val("name")), str(u.val("adjust_quantity")))
		}
	}
	results := []any{}
	for _, it := range items {
		u, _ := it.(obj)
		au := u.sub("adjust_unit")
		if !au.has("sale_price") {
			return nil, undefinedKey("sale_price")
		}
		p := st.product(int64(num(u.val("id"))))
		if p == nil {
			return nil, errNotFound("The product doesn't exists.")
		}
		unit := st.unit(int64(num(au.val("unit_id"))))
		if unit == nil {
			return nil, errNotFound("The unit doesn't exists.")
		}
		if p.StockManagement != "enabled" {
			results = append(results, false)
			continue
		}
		qty := num(u.val("adjust_quantity"))
		price := num(au.val("sale_price"))
		e, aerr := st.move(p, unit.ID, str(u.val("adjust_action")), qty, price, price*qty, nil, nil)
		if aerr != nil {
			return nil, aerr
		}
		results = append(results, obj{
			{"product_id", e.ProductID}, {"procurement_id", nil}, {"procurement_product_id", nil}, {"unit_id", e.UnitID},
			{"order_id", nil}, {"order_product_id", nil}, {"operation_type", e.OperationType}, {"unit_price", e.UnitPrice},
			{"total_price", e.TotalPrice}, {"description", ""}, {"before_quantity", e.BeforeQuantity}, {"quantity", e.Quantity},
			{"after_quantity", e.AfterQuantity}, {"author", e.Author}, {"updated_at", isoTime(e.CreatedAt)},
			{"created_at", isoTime(e.CreatedAt)}, {"id", e.ID}, {"product", st.productJSON(p)}, {"unit", st.unitJSON(unit)},
		})
	}
	return success("The stock has been adjustment successfully.", results), nil
}
