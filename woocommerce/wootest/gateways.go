package wootest

import (
	"fmt"
	"sort"
)

func gatewaySetting(id, label, typ, value, def string) GatewaySetting {
	return GatewaySetting{ID: id, Label: label, Type: typ, Value: value, Default: def}
}

func defaultGateways() []*PaymentGateway {
	mk := func(id, title, desc, methodTitle, methodDesc string, order int, enabled bool) *PaymentGateway {
		return &PaymentGateway{
			ID: id, Title: title, Description: desc, Order: order, Enabled: enabled,
			MethodTitle: methodTitle, MethodDescription: methodDesc, MethodSupports: []string{"products"},
			Settings: map[string]GatewaySetting{
				"title":        gatewaySetting("title", "Title", "safe_text", title, methodTitle),
				"instructions": gatewaySetting("instructions", "Instructions", "textarea", "", ""),
			},
			NeedsSetup: false, PostInstallScripts: []any{},
			SettingsURL:          "/wp-admin/admin.php?page=wc-settings&tab=checkout&section=" + id,
			RequiredSettingsKeys: []string{},
		}
	}
	return []*PaymentGateway{
		mk("bacs", "Direct bank transfer", "Make your payment directly into our bank account. Please use your Order ID as the payment reference. Your order will not be shipped until the funds have cleared in our account.",
			"Direct bank transfer", "Take payments in person via BACS. More commonly known as direct bank/wire transfer.", 0, true),
		mk("cheque", "Check payments", "Please send a check to Store Name, Store Street, Store Town, Store State / County, Store Postcode.",
			"Check payments", "Take payments in person via checks. This offline gateway can also be useful to test purchases.", 1, false),
		mk("cod", "Cash on delivery", "Pay with cash upon delivery.",
			"Cash on delivery", "Let your shoppers pay upon delivery — by cash or other methods of payment.", 2, true),
	}
}

func (s *Store) gateway(id string) *PaymentGateway {
	for _, g := range s.gateways {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (s *Store) renderGateway(base string, g *PaymentGateway) PaymentGateway {
	out := *g
	out.MethodSupports = append([]string(nil), g.MethodSupports...)
	out.Settings = map[string]GatewaySetting{}
	for k, v := range g.Settings {
		out.Settings[k] = v
	}
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/payment_gateways/%s", base, g.ID), TargetHints: &TargetHints{Allow: []string{"GET", "POST", "PUT", "PATCH"}}}},
		"collection": {{Href: base + "/wp-json/wc/v3/payment_gateways"}},
	}
	return out
}

func defaultShippingMethods() []ShippingMethod {
	return []ShippingMethod{
		{ID: "flat_rate", Title: "Flat rate", Description: "Set a fixed cost for shipping."},
		{ID: "free_shipping", Title: "Free shipping", Description: "Don't charge for shipping when certain conditions are met."},
		{ID: "local_pickup", Title: "Local pickup", Description: "Allow customers to pick up orders themselves. By default, when using local pickup store base taxes will apply regardless of customer address."},
	}
}

func (s *Store) renderShippingMethod(base string, m ShippingMethod) ShippingMethod {
	m.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/shipping_methods/%s", base, m.ID), TargetHints: &TargetHints{Allow: []string{"GET"}}}},
		"collection": {{Href: base + "/wp-json/wc/v3/shipping_methods"}},
	}
	return m
}

// stringRoute matches /payment_gateways/{id} and /shipping_methods/{id},
// whose ids are strings.
func stringRouteID(rc *reqCtx) string { return rc.strID }

func init() {
	addRoute("/payment_gateways", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			out := []any{}
			gs := append([]*PaymentGateway(nil), s.gateways...)
			sort.SliceStable(gs, func(i, j int) bool { return fmt.Sprint(gs[i].Order) < fmt.Sprint(gs[j].Order) })
			for _, g := range gs {
				out = append(out, s.renderGateway(rc.base, g))
			}
			return ok(out)
		}, perm: permList, args: []arg{a("context", tE("view", "edit"))}},
	})
	addRoute("/payment_gateways/{str}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			g := s.gateway(stringRouteID(rc))
			if g == nil {
				return newErr(404, "woocommerce_rest_payment_gateway_invalid", "Invalid payment gateway ID.").response()
			}
			return ok(s.renderGateway(rc.base, g))
		}, perm: permView},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			g := s.gateway(stringRouteID(rc))
			if g == nil {
				return newErr(404, "woocommerce_rest_payment_gateway_invalid", "Invalid payment gateway ID.").response()
			}
			if v, ok := rc.body["enabled"]; ok {
				g.Enabled = asBool(v)
			}
			if v, ok := rc.body["title"]; ok {
				g.Title = asString(v)
				st := g.Settings["title"]
				st.Value = g.Title
				g.Settings["title"] = st
			}
			if v, ok := rc.body["description"]; ok {
				g.Description = asString(v)
			}
			if v, ok := rc.body["order"]; ok {
				g.Order = int(asInt(v))
			}
			if v, ok := rc.body["settings"]; ok {
				for k, raw := range asObject(v) {
					if st, exists := g.Settings[k]; exists {
						st.Value = asString(raw)
						g.Settings[k] = st
					}
				}
			}
			return ok(s.renderGateway(rc.base, g))
		}, perm: permEdit, body: []arg{a("title", tS()), a("description", tS()), a("order", tI()), a("enabled", tB()), a("settings", tO())}},
	})
	addRoute("/shipping_methods", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			out := []any{}
			for _, m := range s.shipping {
				out = append(out, s.renderShippingMethod(rc.base, m))
			}
			return ok(out)
		}, perm: permList, args: []arg{a("context", tE("view", "edit"))}},
	})
	addRoute("/shipping_methods/{str}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			for _, m := range s.shipping {
				if m.ID == stringRouteID(rc) {
					return ok(s.renderShippingMethod(rc.base, m))
				}
			}
			return newErr(404, "woocommerce_rest_shipping_method_invalid", "Resource does not exist.").response()
		}, perm: permView},
	})
}
