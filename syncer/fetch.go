package syncer

import (
	"context"
	"errors"
	"fmt"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// SyncRecord reads the record ref names from its side and syncs it to the
// other: the module's "sync selected", and how dependencies are created.
// depth is 0 for a top-level call.
func (e *Engine) SyncRecord(ctx context.Context, ref Ref, depth int) error {
	_, err := e.syncRef(ctx, ref, false, depth)
	return err
}

// PlanRecord reads the record ref names and returns what syncing it would
// do, without writing anything (a dry run).
func (e *Engine) PlanRecord(ctx context.Context, ref Ref) (Plan, error) {
	return e.syncRef(ctx, ref, true, 0)
}

func (e *Engine) syncRef(ctx context.Context, ref Ref, dry bool, depth int) (Plan, error) {
	switch ref.Kind {
	case mapping.KindCategory:
		c, err := e.fetchCategory(ctx, ref.Side, ref.ID)
		if err != nil {
			return Plan{}, err
		}
		return e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanCategory(ctx, e.cfg, e.store, c) }, dry, depth)
	case mapping.KindProduct, mapping.KindVariation:
		p, err := e.fetchProduct(ctx, ref.Side, ref.ID)
		if err != nil {
			return Plan{}, err
		}
		if ref.Side == Nexo {
			// A NexoPOS product does not know it stands for a variation;
			// the ref (from its link) does.
			p.Variation = ref.Kind == mapping.KindVariation
		}
		return e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanProduct(ctx, e.cfg, e.store, p) }, dry, depth)
	case mapping.KindCustomer:
		c, err := e.fetchCustomer(ctx, ref.Side, ref.ID)
		if err != nil {
			return Plan{}, err
		}
		return e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanCustomer(ctx, e.cfg, e.store, c) }, dry, depth)
	case mapping.KindOrder:
		o, err := e.fetchOrder(ctx, ref.Side, ref.ID)
		if err != nil {
			return Plan{}, err
		}
		return e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanOrder(ctx, e.cfg, e.store, o) }, dry, depth)
	}
	return Plan{}, fmt.Errorf("syncer: cannot sync %s", ref)
}

func (e *Engine) fetchCategory(ctx context.Context, side Side, id int64) (Category, error) {
	if side == Woo {
		c, err := e.woo.Categories.Get(ctx, id)
		if err != nil {
			return Category{}, err
		}
		return CategoryFromWoo(*c), nil
	}
	c, err := e.nexo.Categories.Get(ctx, id)
	if err != nil {
		return Category{}, err
	}
	return CategoryFromNexo(*c), nil
}

// fetchProduct reads a product or variation. A WooCommerce variation is
// read with its parent, whose name and categories it takes.
func (e *Engine) fetchProduct(ctx context.Context, side Side, id int64) (Product, error) {
	if side == Woo {
		p, err := e.woo.Products.Get(ctx, id)
		if err != nil {
			return Product{}, err
		}
		if p.Type == "variation" && p.ParentID != 0 {
			return e.wooVariation(ctx, p.ParentID, id)
		}
		return ProductFromWoo(*p), nil
	}
	p, err := e.nexo.Products.Get(ctx, id)
	if err != nil {
		return Product{}, err
	}
	units, err := e.nexo.Products.Units(ctx, id)
	if err != nil {
		return Product{}, err
	}
	return ProductFromNexo(*p, units, e.cfg.Defaults.UnitID), nil
}

func (e *Engine) wooVariation(ctx context.Context, parentID, id int64) (Product, error) {
	parent, err := e.woo.Products.Get(ctx, parentID)
	if err != nil {
		return Product{}, err
	}
	v, err := e.woo.Variations.Get(ctx, parentID, id)
	if err != nil {
		return Product{}, err
	}
	return VariationFromWoo(*parent, *v), nil
}

func (e *Engine) fetchCustomer(ctx context.Context, side Side, id int64) (Customer, error) {
	if side == Woo {
		c, err := e.woo.Customers.Get(ctx, id)
		if err != nil {
			return Customer{}, err
		}
		return CustomerFromWoo(*c), nil
	}
	c, err := e.nexo.Customers.Get(ctx, id)
	if err != nil {
		return Customer{}, err
	}
	return CustomerFromNexo(*c), nil
}

func (e *Engine) fetchOrder(ctx context.Context, side Side, id int64) (Order, error) {
	if side == Woo {
		o, err := e.woo.Orders.Get(ctx, id)
		if err != nil {
			return Order{}, err
		}
		return OrderFromWoo(*o), nil
	}
	o, err := e.nexo.Orders.Get(ctx, id)
	if err != nil {
		return Order{}, err
	}
	return OrderFromNexo(*o), nil
}

// isNotFound reports whether err says the record does not exist on either
// side.
func isNotFound(err error) bool {
	return errors.Is(err, woocommerce.ErrNotFound) || errors.Is(err, nexopos.ErrNotFound)
}

// SyncSKU syncs the product (or variation) with this SKU, from whichever
// side has it: the module's "sync selected" by SKU.
func (e *Engine) SyncSKU(ctx context.Context, sku string) error {
	if sku == "" {
		return errors.New("syncer: sync sku: empty SKU")
	}
	found, _, err := e.woo.Products.List(ctx, &woocommerce.ProductListOptions{SKU: sku})
	if err != nil {
		return fmt.Errorf("syncer: sync sku %q: %w", sku, err)
	}
	for _, p := range found {
		if p.SKU != sku {
			continue
		}
		kind := mapping.KindProduct
		if p.Type == "variation" {
			kind = mapping.KindVariation
		}
		return e.SyncRecord(ctx, Ref{kind, Woo, p.ID}, 0)
	}
	np, err := e.nexo.Products.GetBySKU(ctx, sku)
	if isNotFound(err) {
		return fmt.Errorf("syncer: sync sku %q: no product has it on either side", sku)
	}
	if err != nil {
		return fmt.Errorf("syncer: sync sku %q: %w", sku, err)
	}
	return e.SyncRecord(ctx, e.nexoProductRef(ctx, np.ID), 0)
}
