package wootest

import (
	"encoding/json"
	"fmt"
)

type batchOps struct {
	create func(body map[string]json.RawMessage) (any, *apiError)
	update func(id int64, body map[string]json.RawMessage) (any, *apiError)
	del    func(id int64) (any, *apiError)
}

func batchItemError(id int64, e *apiError) omap {
	return omap{{"id", id}, {"error", omap{{"code", e.Code}, {"message", e.Message}, {"data", e.data()}}}}
}

func rawList(raw json.RawMessage) []json.RawMessage {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		for _, v := range obj {
			list = append(list, v)
		}
	}
	return list
}

// batch is WC_REST_Controller::batch_items: at most the batch limit of
// create + update + delete items (413 otherwise), each answered in place,
// errors included, with 200 overall. Deletes are forced.
func (s *Store) batch(rc *reqCtx, ops batchOps) *response {
	creates := rawList(rc.body["create"])
	updates := rawList(rc.body["update"])
	deletes := rawList(rc.body["delete"])
	if n := len(creates) + len(updates) + len(deletes); n > s.cfg.batchLimit {
		return newErr(413, "woocommerce_rest_request_entity_too_large",
			fmt.Sprintf("Unable to accept more than %d items for this request.", s.cfg.batchLimit)).response()
	}
	out := omap{}
	if len(creates) > 0 && ops.create != nil {
		var res []any
		for _, item := range creates {
			body := asObject(item)
			if body == nil {
				body = map[string]json.RawMessage{}
			}
			v, err := ops.create(body)
			if err != nil {
				res = append(res, batchItemError(0, err))
				continue
			}
			res = append(res, v)
		}
		out = append(out, kv{"create", res})
	}
	if len(updates) > 0 && ops.update != nil {
		var res []any
		for _, item := range updates {
			body := asObject(item)
			if body == nil {
				body = map[string]json.RawMessage{}
			}
			id := asInt(body["id"])
			v, err := ops.update(id, body)
			if err != nil {
				res = append(res, batchItemError(id, err))
				continue
			}
			res = append(res, v)
		}
		out = append(out, kv{"update", res})
	}
	if len(deletes) > 0 && ops.del != nil {
		var res []any
		for _, item := range deletes {
			id := asInt(item)
			if obj := asObject(item); obj != nil {
				id = asInt(obj["id"])
			}
			if id == 0 {
				continue
			}
			v, err := ops.del(id)
			if err != nil {
				res = append(res, batchItemError(id, err))
				continue
			}
			res = append(res, v)
		}
		if res != nil {
			out = append(out, kv{"delete", res})
		}
	}
	if len(out) == 0 {
		return ok([]any{})
	}
	return ok(out)
}

func (s *Store) batchProducts(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			p, err := s.createProduct(b)
			if err != nil {
				return nil, err
			}
			rc.emit(s, "product.created", p.id)
			return s.renderProduct(rc.base, p, true), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			p, err := s.updateProduct(rc, id, b)
			if err != nil {
				return nil, err
			}
			return s.renderProduct(rc.base, p, true), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteProduct(rc, id, true) },
	})
}

func (s *Store) batchVariations(rc *reqCtx) *response {
	parent := rc.ids[0]
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			v, err := s.createVariation(parent, b)
			if err != nil {
				return nil, err
			}
			rc.emit(s, "product.created", v.id)
			return s.renderVariation(rc.base, v), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			v, err := s.updateVariation(rc, parent, id, b)
			if err != nil {
				return nil, err
			}
			return s.renderVariation(rc.base, v), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteVariation(rc, parent, id, true) },
	})
}

func (s *Store) batchCategories(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			c, err := s.createCategory(b)
			if err != nil {
				return nil, err
			}
			return s.renderCategory(rc.base, c), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			c, err := s.updateCategory(id, b)
			if err != nil {
				return nil, err
			}
			return s.renderCategory(rc.base, c), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteCategory(rc.base, id, true) },
	})
}

func (s *Store) batchTags(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			t, err := s.createTag(b)
			if err != nil {
				return nil, err
			}
			return s.renderTag(rc.base, t), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			t, err := s.updateTag(id, b)
			if err != nil {
				return nil, err
			}
			return s.renderTag(rc.base, t), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteTag(rc.base, id, true) },
	})
}

func (s *Store) batchCustomers(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			r, err := s.createCustomer(b)
			if err != nil {
				return nil, err
			}
			rc.emit(s, "customer.created", r.c.ID)
			return s.renderCustomer(rc.base, r), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			r, err := s.updateCustomer(rc, id, b)
			if err != nil {
				return nil, err
			}
			return s.renderCustomer(rc.base, r), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteCustomer(rc, id, true) },
	})
}

func (s *Store) batchOrders(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			r, err := s.createOrder(rc, b)
			if err != nil {
				return nil, err
			}
			return s.renderOrder(rc.base, r), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			r, err := s.updateOrder(rc, id, b)
			if err != nil {
				return nil, err
			}
			return s.renderOrder(rc.base, r), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteOrder(rc, id, true) },
	})
}

func (s *Store) batchCoupons(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			r, err := s.createCoupon(b)
			if err != nil {
				return nil, err
			}
			rc.emit(s, "coupon.created", r.c.ID)
			return s.renderCoupon(rc.base, r), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			r, err := s.updateCoupon(rc, id, b)
			if err != nil {
				return nil, err
			}
			return s.renderCoupon(rc.base, r), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteCoupon(rc, id, true) },
	})
}

func (s *Store) batchWebhooks(rc *reqCtx) *response {
	return s.batch(rc, batchOps{
		create: func(b map[string]json.RawMessage) (any, *apiError) {
			h, err := s.createWebhook(b)
			if err != nil {
				return nil, err
			}
			rc.pings = append(rc.pings, ping{id: h.w.ID, url: h.w.DeliveryURL})
			return s.renderWebhook(rc.base, h), nil
		},
		update: func(id int64, b map[string]json.RawMessage) (any, *apiError) {
			h, err := s.updateWebhook(id, b)
			if err != nil {
				return nil, err
			}
			return s.renderWebhook(rc.base, h), nil
		},
		del: func(id int64) (any, *apiError) { return s.deleteWebhook(rc.base, id, true) },
	})
}
