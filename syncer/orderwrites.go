package syncer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// intentKey names the cursor that records when a create of an order was
// first tried: if that try timed out, the order may exist, and the retry
// looks for it among the orders changed since.
func intentKey(src Ref) string {
	return fmt.Sprintf("create-intent:%s:%s:%d", src.Kind, src.Side, src.ID)
}

// beginCreate records the intent and returns the time of an earlier
// attempt, zero when this is the first.
func (e *Engine) beginCreate(ctx context.Context, src Ref) (time.Time, error) {
	c, err := e.store.GetCursor(ctx, intentKey(src))
	if err != nil {
		return time.Time{}, err
	}
	if c.Value != "" {
		t, err := time.Parse(time.RFC3339, c.Value)
		if err == nil {
			return t, nil
		}
	}
	return time.Time{}, e.markCreate(ctx, src, c)
}

// markCreate sets the intent to this attempt (a minute back, for clocks
// apart).
func (e *Engine) markCreate(ctx context.Context, src Ref, c mapping.Cursor) error {
	_, err := e.store.CompareAndSetCursor(ctx, intentKey(src), c.Version, nowUTC(e.now).Add(-time.Minute).Format(time.RFC3339))
	return err
}

// searchedCreate moves the intent to this attempt once a retry has looked
// for the order of the earlier attempts and not found it: they made
// nothing, so a later retry needs to look only at the orders changed from
// this attempt on, not at everything since the first (a create that keeps
// failing would otherwise read a longer list at every try).
func (e *Engine) searchedCreate(ctx context.Context, src Ref) error {
	c, err := e.store.GetCursor(ctx, intentKey(src))
	if err != nil {
		return err
	}
	return e.markCreate(ctx, src, c)
}

func (e *Engine) createOrder(ctx context.Context, a Action) (mapping.Link, error) {
	if a.Target == Nexo {
		return e.createNexoOrder(ctx, a)
	}
	return e.createWooOrder(ctx, a)
}

func (e *Engine) createNexoOrder(ctx context.Context, a Action) (mapping.Link, error) {
	l := mapping.Link{Kind: mapping.KindOrder}
	since, err := e.beginCreate(ctx, a.Source)
	if err != nil {
		return l, err
	}
	if !since.IsZero() {
		// An earlier attempt may have created it: look for our note.
		orders, _, err := e.nexo.Orders.UpdatedSince(ctx, nexopos.TimeCursor{Since: since})
		if err != nil {
			return l, err
		}
		for _, row := range orders {
			if m := notePattern.FindStringSubmatch(row.Note); m == nil || m[1] != itoa(a.Source.ID) {
				continue // the list rows carry the note: read only our order
			}
			full, err := e.nexo.Orders.Get(ctx, row.ID)
			if err != nil {
				return l, err
			}
			if rec := OrderFromNexo(*full); rec.Ref == a.Source.ID {
				if a.Order.State == OrderPaid && rec.State == OrderPending {
					// An earlier attempt made it on hold: NexoPOS refused
					// it paid (sold twice; that skip was cleared when
					// this retry began), or the order was not paid yet.
					// Say so again.
					reason := fmt.Sprintf("NexoPOS order %d was made on hold by an earlier attempt (refused paid for want of stock, or made before the payment); settle it at the counter", full.ID)
					if err := e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: a.Source.Side, ID: a.Source.ID, Reason: reason}); err != nil {
						return l, err
					}
				}
				return nexoOrderLink(full, l), nil
			}
		}
		if err := e.searchedCreate(ctx, a.Source); err != nil {
			return l, err
		}
	}
	in, err := e.nexoOrderInput(ctx, a)
	if err != nil {
		return l, err
	}
	created, err := e.nexo.Orders.Create(ctx, in)
	var apiErr *nexopos.APIError
	if err != nil && len(in.Payments) > 0 && errors.As(err, &apiErr) && refusedForStock(apiErr.Message) {
		// Sold twice: the counter sold what the web shop also sold. NexoPOS
		// refuses a paid order it cannot take stock for, but takes a held
		// one. Keep the order (on hold) and say so; a person settles it.
		reason := fmt.Sprintf("NexoPOS refused the paid order (%s); it was created on hold, settle it at the counter", apiErr.Message)
		if rerr := e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: a.Source.Side, ID: a.Source.ID, Reason: reason}); rerr != nil {
			return l, rerr
		}
		noteRefused(ctx)
		in.Payments, in.PaymentStatus = nil, nexopos.PaymentStatusHold
		created, err = e.nexo.Orders.Create(ctx, in)
	}
	if err != nil {
		return l, err
	}
	full, err := e.nexo.Orders.Get(ctx, created.ID)
	if err != nil {
		return l, err
	}
	return nexoOrderLink(full, l), nil
}

// refusedForStock reports whether a NexoPOS error message refuses an
// order or a payment for want of stock ("there is not enough stock", or a
// movement that "will cause negative stock").
func refusedForStock(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "not enough stock") || strings.Contains(m, "negative stock")
}

func nexoOrderLink(o *nexopos.Order, l mapping.Link) mapping.Link {
	l.NexoID, l.NexoFingerprint, l.NexoModified = o.ID, orderFingerprint(OrderFromNexo(*o)), o.UpdatedAt.UTC()
	return l
}

func (e *Engine) nexoOrderInput(ctx context.Context, a Action) (nexopos.OrderInput, error) {
	o := a.Order
	in := nexopos.OrderInput{
		CustomerID: o.CustomerID, Type: e.cfg.orderType(),
		Title: "WooCommerce #" + orStr(o.Number, itoa(a.Source.ID)),
		Note:  NexoOrderNote(a.Source.ID, ""), Shipping: o.Shipping,
		BillingAddress: nexoAddress(o.Billing), ShippingAddress: nexoAddress(o.ShippingAddr),
	}
	subtotal := DecimalFromInt(0)
	for _, ln := range o.Lines {
		line := nexopos.OrderLine{Quantity: ln.Quantity, UnitPrice: ln.UnitPrice}
		if ln.ProductID != 0 {
			uq, err := e.nexoUnit(ctx, ln.ProductID, false)
			if err != nil {
				return in, err
			}
			line.ProductID, line.UnitQuantityID = ln.ProductID, uq.ID
		} else {
			line.Name, line.UnitID = orStr(ln.Name, "Item"), e.cfg.Defaults.UnitID
		}
		subtotal = subtotal.Add(ln.UnitPrice.Mul(ln.Quantity))
		in.Products = append(in.Products, line)
	}
	if len(in.Products) == 0 {
		return in, fmt.Errorf("order has no lines")
	}
	if o.Discount.Sign() > 0 && subtotal.Sign() > 0 {
		// NexoPOS answers 500 to a flat discount without its percentage.
		in.DiscountType, in.Discount = nexopos.DiscountFlat, o.Discount
		in.DiscountPercentage = DecimalFrom(o.Discount.Decimal().Mul(DecimalFromInt(100).Decimal()).Div(subtotal.Decimal()).Round(4))
	}
	if o.State == OrderPaid {
		in.Payments = []nexopos.PaymentInput{{Identifier: o.PaymentMethod, Value: o.Total}}
	} else {
		in.PaymentStatus = nexopos.PaymentStatusHold
	}
	return in, nil
}

func (e *Engine) createWooOrder(ctx context.Context, a Action) (mapping.Link, error) {
	o := a.Order
	l := mapping.Link{Kind: mapping.KindOrder}
	since, err := e.beginCreate(ctx, a.Source)
	if err != nil {
		return l, err
	}
	if !since.IsZero() {
		opts := &woocommerce.OrderListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}
		opts.ModifiedAfter = since
		for wo, err := range e.woo.Orders.All(ctx, opts) {
			if err != nil {
				return l, err
			}
			if rec := OrderFromWoo(wo); rec.Ref == a.Source.ID {
				return wooOrderLink(&wo, l), nil
			}
		}
		if err := e.searchedCreate(ctx, a.Source); err != nil {
			return l, err
		}
	}
	ref, err := woocommerce.Meta(MetaNexoOrderID, itoa(a.Source.ID))
	if err != nil {
		return l, err
	}
	req := woocommerce.OrderRequest{
		Status: "completed", SetPaid: woocommerce.Ptr(true), MetaData: []woocommerce.MetaData{ref},
		PaymentMethod: o.PaymentMethod, PaymentMethodTitle: o.PaymentMethod,
		Billing: wooAddress(o.Billing, Customer{Email: o.Email}), Shipping: wooAddress(o.ShippingAddr, Customer{}),
	}
	if o.CustomerID != 0 {
		req.CustomerID = &o.CustomerID
	}
	for _, ln := range o.Lines {
		if ln.ProductID == 0 {
			// A POS-only ("quick") product: a fee line, never dropped.
			req.FeeLines = append(req.FeeLines, woocommerce.FeeLineRequest{Name: orStr(ln.Name, "POS item"), Total: orTotal(ln)})
			continue
		}
		li := woocommerce.LineItemRequest{Quantity: ln.Quantity, Total: orTotal(ln), Subtotal: orTotal(ln)}
		if ln.Variation {
			li.VariationID = ln.ProductID
			if p, err := e.woo.Products.Get(ctx, ln.ProductID); err == nil {
				li.ProductID = p.ParentID
			} else {
				return l, err
			}
		} else {
			li.ProductID = ln.ProductID
		}
		req.LineItems = append(req.LineItems, li)
	}
	if e.cfg.ShippingMethodID != "" {
		req.ShippingLines = []woocommerce.ShippingLineRequest{{MethodID: e.cfg.ShippingMethodID,
			MethodTitle: orStr(e.cfg.ShippingMethodTitle, e.cfg.ShippingMethodID), Total: orZero(o.Shipping)}}
	}
	wo, err := e.woo.Orders.Create(ctx, req)
	if err != nil {
		return l, err
	}
	return wooOrderLink(wo, l), nil
}

func orTotal(ln OrderLine) Decimal {
	if ln.Total.Valid() {
		return ln.Total
	}
	return ln.UnitPrice.Mul(ln.Quantity)
}

func orZero(d Decimal) Decimal {
	if d.Valid() {
		return d
	}
	return DecimalFromInt(0)
}

func wooOrderLink(o *woocommerce.Order, l mapping.Link) mapping.Link {
	l.WooID, l.WooFingerprint, l.WooModified = o.ID, orderFingerprint(OrderFromWoo(*o)), gmt(o.DateModifiedGMT)
	return l
}

// orderTransition carries a state change of a linked order. The target
// order is read first and the change made only if its state still calls
// for it: a webhook is a hint, not proof.
func (e *Engine) orderTransition(ctx context.Context, a Action) error {
	target := mapping.Link{Kind: mapping.KindOrder}
	if a.Target == Nexo {
		no, err := e.nexo.Orders.Get(ctx, a.TargetID)
		if isNotFound(err) && a.Op == OpCancelOrder {
			// Only a held order is deleted: an earlier attempt did it and
			// lost the answer. Forget the link, as that attempt would have.
			return e.store.Delete(ctx, mapping.KindOrder, a.Source.Side, a.Source.ID)
		}
		if err != nil {
			return err
		}
		st := no.PaymentStatus
		switch a.Op {
		case OpPayOrder:
			if st == nexopos.PaymentStatusHold || st == nexopos.PaymentStatusUnpaid || st == nexopos.PaymentStatusPartiallyPaid {
				due := no.Total.Sub(no.Tendered)
				if due.Sign() > 0 {
					_, err := e.nexo.Orders.AddPayment(ctx, no.ID, nexopos.PaymentInput{Identifier: a.Order.PaymentMethod, Value: due})
					var apiErr *nexopos.APIError
					if err != nil && errors.As(err, &apiErr) && refusedForStock(apiErr.Message) {
						// Sold twice, as for a paid create: the order
						// stays as NexoPOS left it; a person settles it.
						noteRefused(ctx)
						err = e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: a.Source.Side, ID: a.Source.ID,
							Reason: fmt.Sprintf("paid on %s, but NexoPOS refused the payment of order %d (%s); settle it at the counter", a.Source.Side, no.ID, apiErr.Message)})
					}
					if err != nil {
						return err
					}
				}
			}
		case OpCancelOrder:
			switch st {
			case nexopos.PaymentStatusHold:
				// A held order took no stock; deleting it returns none.
				if err := e.nexo.Orders.Delete(ctx, no.ID); err != nil {
					return err
				}
				return e.store.Delete(ctx, mapping.KindOrder, a.Source.Side, a.Source.ID)
			case nexopos.PaymentStatusPaid, nexopos.PaymentStatusPartiallyPaid:
				if err := e.nexo.Orders.Void(ctx, no.ID, "Cancelled in WooCommerce (woonexo)"); err != nil {
					return err
				}
			case nexopos.PaymentStatusVoid:
			default:
				// Unpaid: voiding or deleting it would return stock that
				// was never taken. Leave it for a person.
				return e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: a.Source.Side, ID: a.Source.ID,
					Reason: fmt.Sprintf("cancelled on %s, but NexoPOS order %d is %s: voiding it would add stock that was never taken", a.Source.Side, no.ID, st)})
			}
		case OpRefundOrder:
			if a.Source.Side == Woo && (st == nexopos.PaymentStatusPaid || st == nexopos.PaymentStatusPartiallyPaid || st == nexopos.PaymentStatusPartiallyRefunded) {
				if err := e.carryWooRefunds(ctx, a, no); err != nil {
					return err
				}
			} else if st == nexopos.PaymentStatusPaid || st == nexopos.PaymentStatusPartiallyPaid {
				in := nexopos.RefundInput{PaymentIdentifier: a.Order.PaymentMethod, Total: no.Total}
				for _, p := range no.Products {
					// Damaged: stock put back in WooCommerce travels as a
					// stock delta, so NexoPOS must not also restock here.
					in.Products = append(in.Products, nexopos.RefundLine{OrderProductID: p.ID, Quantity: p.Quantity,
						UnitPrice: p.UnitPrice, Condition: nexopos.ConditionDamaged, Description: "Refunded in WooCommerce"})
				}
				if in.PaymentIdentifier == "" && len(no.Payments) > 0 {
					in.PaymentIdentifier = no.Payments[0].Identifier
				}
				if _, err := e.nexo.Orders.Refund(ctx, no.ID, in); err != nil {
					return err
				}
			} else if st == nexopos.PaymentStatusHold || st == nexopos.PaymentStatusUnpaid {
				// Kept on hold (refused paid: sold twice): there is no
				// payment to refund. Say so; a person settles it.
				if err := e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: a.Source.Side, ID: a.Source.ID,
					Reason: fmt.Sprintf("refunded on %s, but NexoPOS order %d is %s (never paid there): nothing to refund; settle it at the counter", a.Source.Side, no.ID, st)}); err != nil {
					return err
				}
			}
		case OpRecreateOrder:
			if st != nexopos.PaymentStatusHold {
				return e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: a.Source.Side, ID: a.Source.ID,
					Reason: fmt.Sprintf("lines changed, but NexoPOS order %d is %s and cannot be re-lined safely", no.ID, st)})
			}
			if err := e.nexo.Orders.Delete(ctx, no.ID); err != nil {
				return err
			}
			if err := e.store.Delete(ctx, mapping.KindOrder, a.Source.Side, a.Source.ID); err != nil {
				return err
			}
			// Forget the old intent so the new create does not look for
			// (and find) the deleted order.
			if c, err := e.store.GetCursor(ctx, intentKey(a.Source)); err == nil && c.Value != "" {
				_, _ = e.store.CompareAndSetCursor(ctx, intentKey(a.Source), c.Version, "")
			}
			created := a
			created.Op, created.TargetID = OpCreate, 0
			created.Link.NexoID, created.Link.NexoFingerprint = 0, ""
			return e.create(ctx, created)
		}
		full, err := e.nexo.Orders.Get(ctx, no.ID)
		if err != nil {
			return err
		}
		target = nexoOrderLink(full, target)
	} else {
		wo, err := e.woo.Orders.Get(ctx, a.TargetID)
		if err != nil {
			return err
		}
		switch a.Op {
		case OpCancelOrder:
			if wo.Status != "cancelled" {
				if wo, err = e.woo.Orders.Update(ctx, wo.ID, woocommerce.OrderRequest{Status: "cancelled"}); err != nil {
					return err
				}
			}
		case OpRefundOrder:
			if wo.Status != "refunded" {
				if err := e.carryNexoRefunds(ctx, a.Source.ID, wo); err != nil {
					return err
				}
				if wo, err = e.woo.Orders.Get(ctx, wo.ID); err != nil {
					return err
				}
			}
		case OpPayOrder:
			if WooOrderState(wo.Status) == OrderPending {
				if wo, err = e.woo.Orders.Update(ctx, wo.ID, woocommerce.OrderRequest{Status: "processing", SetPaid: woocommerce.Ptr(true)}); err != nil {
					return err
				}
			}
		}
		target = wooOrderLink(wo, target)
	}
	return e.putLink(ctx, a.Link, a.Source.Side, target)
}

// carryNexoRefunds records on WooCommerce order wo each refund of NexoPOS
// order nexoID that it does not hold yet: the amount, and the lines and
// quantities refunded (WooCommerce marks the order refunded once the
// refunds reach its total, and leaves a partly refunded order as it was).
// No money moves through a gateway and nothing is restocked there: stock
// returned at the counter travels as NexoPOS's stock change. Each refund
// carries its NexoPOS id in its meta data, so a retry whose answer was lost
// does not carry it twice.
func (e *Engine) carryNexoRefunds(ctx context.Context, nexoID int64, wo *woocommerce.Order) error {
	refunds, err := e.nexo.Orders.Refunds(ctx, nexoID)
	if err != nil {
		return err
	}
	carried := map[string]bool{}
	for r, err := range e.woo.Refunds.All(ctx, wo.ID, nil) {
		if err != nil {
			return err
		}
		if m, ok := r.MetaData.Get(MetaNexoRefundID); ok {
			carried[m.String()] = true
		}
	}
	for _, r := range refunds {
		id := strconv.FormatInt(r.ID, 10)
		if carried[id] || fromWooRefund(r) {
			continue
		}
		req := woocommerce.RefundRequest{Amount: r.Total.Add(r.Shipping), Reason: fmt.Sprintf("Refunded at the POS, NexoPOS refund %d (woonexo)", r.ID),
			MetaData: []woocommerce.MetaData{woocommerce.StringMeta(MetaNexoRefundID, id)}, APIRefund: woocommerce.Ptr(false), APIRestock: woocommerce.Ptr(false)}
		for _, rp := range r.Products {
			if li, ok := e.wooLineOf(ctx, wo, rp.ProductID); ok {
				req.LineItems = append(req.LineItems, woocommerce.RefundLineRequest{ID: li, Quantity: rp.Quantity, RefundTotal: rp.TotalPrice})
			}
		}
		if !req.Amount.Valid() || req.Amount.Sign() <= 0 {
			continue
		}
		if _, err := e.woo.Refunds.Create(ctx, wo.ID, req); err != nil {
			return err
		}
	}
	if len(refunds) == 0 {
		// A NexoPOS that lists no refund for a refunded order: refund
		// what is left, as a whole.
		if _, err := e.woo.Refunds.Create(ctx, wo.ID, woocommerce.RefundRequest{Amount: wo.Total, Reason: "Refunded at the POS (woonexo)",
			APIRefund: woocommerce.Ptr(false), APIRestock: woocommerce.Ptr(false)}); err != nil {
			return err
		}
	}
	return nil
}

// fromWooRefund reports whether NexoPOS refund r was made from a
// WooCommerce refund (carryWooRefunds tags its lines).
func fromWooRefund(r nexopos.OrderRefund) bool {
	for _, p := range r.Products {
		if strings.Contains(p.Description, wooRefundTagPrefix) {
			return true
		}
	}
	return false
}

// wooLineOf returns the id of the line of WooCommerce order wo that sells
// the counterpart of NexoPOS product nexoProduct.
func (e *Engine) wooLineOf(ctx context.Context, wo *woocommerce.Order, nexoProduct int64) (int64, bool) {
	if nexoProduct == 0 {
		return 0, false
	}
	for _, kind := range []mapping.Kind{mapping.KindProduct, mapping.KindVariation} {
		l, ok, err := lookup(ctx, e.store, kind, Nexo, nexoProduct)
		if err != nil || !ok {
			continue
		}
		for _, li := range wo.LineItems {
			if li.ProductID == l.WooID || (li.VariationID != 0 && li.VariationID == l.WooID) {
				return li.ID, true
			}
		}
	}
	return 0, false
}

// wooRefundTagPrefix starts the tag of NexoPOS refund lines carried from a
// WooCommerce refund.
const wooRefundTagPrefix = "(WooCommerce refund #"

// wooRefundTag marks the NexoPOS refund lines carried from WooCommerce
// refund id: it is how a retry knows the refund was made.
func wooRefundTag(id int64) string { return wooRefundTagPrefix + strconv.FormatInt(id, 10) + ")" }

// carryWooRefunds records on NexoPOS order no each refund of the
// WooCommerce order a carries that it does not hold yet: its lines and
// quantities, in the "damaged" condition (the stock WooCommerce puts back
// travels as its own stock change, so NexoPOS must not restock too). A
// refund that names no line gives back what is left of every line when the
// order is refunded in full; a partial one without lines is recorded for a
// person (NexoPOS refunds lines, not amounts).
func (e *Engine) carryWooRefunds(ctx context.Context, a Action, no *nexopos.Order) error {
	made, err := e.nexo.Orders.Refunds(ctx, no.ID)
	if err != nil {
		return err
	}
	carried := func(id int64) bool {
		for _, r := range made {
			for _, p := range r.Products {
				if strings.Contains(p.Description, wooRefundTag(id)) {
					return true
				}
			}
		}
		return false
	}
	var refunds []woocommerce.Refund
	for r, err := range e.woo.Refunds.All(ctx, a.Source.ID, nil) {
		if err != nil {
			return err
		}
		refunds = append(refunds, r)
	}
	slices.SortFunc(refunds, func(x, y woocommerce.Refund) int { return cmp.Compare(x.ID, y.ID) })
	payment := a.Order.PaymentMethod
	if payment == "" && len(no.Payments) > 0 {
		payment = no.Payments[0].Identifier
	}
	left := map[int64]Decimal{} // NexoPOS order line -> quantity not refunded yet
	for _, p := range no.Products {
		left[p.ID] = p.Quantity
	}
	for _, r := range refunds {
		if _, fromPOS := r.MetaData.Get(MetaNexoRefundID); fromPOS || carried(r.ID) {
			continue // made from a NexoPOS refund, or carried already
		}
		desc := "Refunded in WooCommerce " + wooRefundTag(r.ID)
		in := nexopos.RefundInput{PaymentIdentifier: payment, Total: r.Amount}
		for _, li := range r.LineItems {
			q := li.Quantity.Neg()
			wooID, kind := li.ProductID, mapping.KindProduct
			if li.VariationID != 0 {
				wooID, kind = li.VariationID, mapping.KindVariation
			}
			l, ok, err := lookup(ctx, e.store, kind, Woo, wooID)
			if err != nil {
				return err
			}
			if !ok || q.Sign() <= 0 {
				continue
			}
			for _, p := range no.Products {
				if p.ProductID == l.NexoID && left[p.ID].Cmp(q) >= 0 {
					in.Products = append(in.Products, nexopos.RefundLine{OrderProductID: p.ID, Quantity: q, UnitPrice: p.UnitPrice,
						Condition: nexopos.ConditionDamaged, Description: desc})
					left[p.ID] = left[p.ID].Sub(q)
					break
				}
			}
		}
		if len(in.Products) == 0 && a.Order.State == OrderRefunded {
			for _, p := range no.Products {
				if q := left[p.ID]; q.Sign() > 0 {
					in.Products = append(in.Products, nexopos.RefundLine{OrderProductID: p.ID, Quantity: q, UnitPrice: p.UnitPrice,
						Condition: nexopos.ConditionDamaged, Description: desc})
					left[p.ID] = DecimalFromInt(0)
				}
			}
		}
		if len(in.Products) == 0 {
			if err := e.store.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: Woo, ID: a.Source.ID,
				Reason: fmt.Sprintf("WooCommerce refund #%d gives back %s without naming lines NexoPOS order %d can refund; settle it at the counter", r.ID, r.Amount, no.ID)}); err != nil {
				return err
			}
			continue
		}
		if _, err := e.nexo.Orders.Refund(ctx, no.ID, in); err != nil {
			return err
		}
	}
	return nil
}
