package syncer

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/internal/wire"
	"github.com/woonexo/woonexo/mapping"
)

func dec(s string) Decimal { return wire.MustDecimal(s) }

func testConfig() Config {
	cfg := DefaultConfig(Defaults{CategoryID: 1, UnitGroupID: 1, UnitID: 1, WalkInCustomerID: 99})
	cfg.PaymentMap = map[string]string{"bacs": "bank-payment", "cod": "cash-payment"}
	return cfg
}

func memStore(t *testing.T) *mapping.MemoryStore {
	t.Helper()
	s, err := mapping.NewMemory()
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func put(t *testing.T, s mapping.Store, l mapping.Link) {
	t.Helper()
	require.NoError(t, s.Put(context.Background(), l))
}

var t0 = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func wooProduct(id int64, stock, sales int64) Product {
	return Product{Side: Woo, ID: id, Name: "Mug", SKU: "MUG-1", RegularPrice: dec("9.50"), Published: true,
		ManageStock: true, Stock: DecimalFromInt(stock), TotalSales: DecimalFromInt(sales), Modified: t0}
}

func TestPlanProductCreatesAfterItsCategory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := memStore(t)
	p := wooProduct(10, 5, 0)
	p.CategoryIDs = []int64{7}
	plan, err := PlanProduct(ctx, testConfig(), s, p)
	require.NoError(t, err)
	assert.Equal(t, []Ref{{mapping.KindCategory, Woo, 7}}, plan.Needs)
	assert.Empty(t, plan.Actions)

	put(t, s, mapping.Link{Kind: mapping.KindCategory, WooID: 7, NexoID: 70})
	plan, err = PlanProduct(ctx, testConfig(), s, p)
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	a := plan.Actions[0]
	assert.Equal(t, OpCreate, a.Op)
	assert.Equal(t, Nexo, a.Target)
	assert.Equal(t, []int64{70}, a.Product.CategoryIDs, "category ids are translated to NexoPOS's")
	assert.Equal(t, "5", a.Link.WooStock)
	assert.Equal(t, "0", a.Link.WooSales)
}

func TestPlanProductDefaultCategory(t *testing.T) {
	t.Parallel()
	plan, err := PlanProduct(context.Background(), testConfig(), memStore(t), wooProduct(10, 5, 0))
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	assert.Equal(t, []int64{1}, plan.Actions[0].Product.CategoryIDs)
}

func linkedProduct(t *testing.T, s mapping.Store, p Product, nexoStock string) {
	put(t, s, mapping.Link{Kind: mapping.KindProduct, WooID: p.ID, NexoID: 100 + p.ID, WooFingerprint: p.Fingerprint(),
		WooModified: p.Modified, WooStock: p.Stock.String(), WooSales: p.TotalSales.String(), NexoStock: nexoStock})
}

func TestPlanProductEchoAndStale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := memStore(t)
	p := wooProduct(10, 5, 0)
	linkedProduct(t, s, p, "5")

	// The same record again (our own write coming back, or a duplicate).
	plan, err := PlanProduct(ctx, testConfig(), s, p)
	require.NoError(t, err)
	assert.Empty(t, plan.Actions)
	require.Len(t, plan.Skips, 1)
	assert.False(t, plan.Skips[0].Record)

	// An older event must not overwrite a newer state.
	old := p
	old.Name, old.Modified = "Old mug", t0.Add(-time.Hour)
	plan, err = PlanProduct(ctx, testConfig(), s, old)
	require.NoError(t, err)
	assert.Empty(t, plan.Actions)
	assert.Contains(t, plan.Skips[0].Reason, "stale")

	// A newer change goes across.
	newer := p
	newer.RegularPrice, newer.Modified = dec("11"), t0.Add(time.Minute)
	plan, err = PlanProduct(ctx, testConfig(), s, newer)
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	assert.Equal(t, OpUpdate, plan.Actions[0].Op)
	assert.Equal(t, int64(110), plan.Actions[0].TargetID)
}

func TestPlanProductStockIsACounter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		stock     int64
		sales     int64
		wantDelta string // "" means no stock action
		wantBase  bool   // a baseline-only action
	}{
		{"person removed 2", 3, 0, "-2", false},
		{"person added 4", 9, 0, "4", false},
		{"order sold 2: the order carries it", 3, 2, "", true},
		{"order sold 2 and person added 1", 4, 2, "1", false},
		{"no change", 5, 0, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := memStore(t)
			base := wooProduct(10, 5, 0)
			linkedProduct(t, s, base, "5")
			p := base
			p.Stock, p.TotalSales, p.Modified = DecimalFromInt(c.stock), DecimalFromInt(c.sales), t0.Add(time.Second)
			plan, err := PlanProduct(context.Background(), testConfig(), s, p)
			require.NoError(t, err)
			var adj, baseOnly *Action
			for i := range plan.Actions {
				switch plan.Actions[i].Op {
				case OpAdjustStock:
					adj = &plan.Actions[i]
				case OpLink:
					baseOnly = &plan.Actions[i]
				}
			}
			if c.wantDelta == "" {
				assert.Nil(t, adj)
			} else {
				require.NotNil(t, adj)
				assert.Equal(t, c.wantDelta, adj.Delta.String())
				assert.Equal(t, Nexo, adj.Target)
				assert.Equal(t, DecimalFromInt(c.stock).String(), adj.Link.WooStock, "the new baseline")
			}
			assert.Equal(t, c.wantBase, baseOnly != nil)
		})
	}
}

func TestPlanProductOwnership(t *testing.T) {
	t.Parallel()
	s := memStore(t)
	base := wooProduct(10, 5, 0)
	linkedProduct(t, s, base, "5")
	cfg := testConfig()
	cfg.Ownership = Ownership{Price: OwnerNexo, Stock: OwnerNexo}
	p := base
	p.RegularPrice, p.Stock, p.Modified = dec("12"), DecimalFromInt(1), t0.Add(time.Second)
	plan, err := PlanProduct(context.Background(), cfg, s, p)
	require.NoError(t, err)
	for _, a := range plan.Actions {
		assert.NotEqual(t, OpAdjustStock, a.Op, "stock is owned by NexoPOS")
		if a.Op == OpUpdate {
			assert.False(t, a.Product.RegularPrice.Valid(), "price is owned by NexoPOS")
		}
	}
}

func wooOrder(id int64, state OrderState, payment string) Order {
	return Order{Side: Woo, ID: id, State: state, RawStatus: string(state), PaymentMethod: payment, Total: dec("19"),
		Lines: []OrderLine{{ProductID: 10, SKU: "MUG-1", Quantity: DecimalFromInt(2), UnitPrice: dec("9.50")}}, Modified: t0}
}

func TestPlanOrderFollowsNexoStockRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig()
	s := memStore(t)
	linkedProduct(t, s, wooProduct(10, 5, 0), "5")

	// Not paid yet: created on hold, no stock moves.
	plan, err := PlanOrder(ctx, cfg, s, wooOrder(1, OrderPending, "bacs"))
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	a := plan.Actions[0]
	assert.Equal(t, OpCreate, a.Op)
	assert.Equal(t, int64(99), a.Order.CustomerID, "guest goes to the walk-in customer")
	assert.Equal(t, int64(110), a.Order.Lines[0].ProductID)
	assert.Equal(t, "bank-payment", a.Order.PaymentMethod)
	assert.Empty(t, a.Baseline)

	// Link as the engine would, then pay: a payment, and the NexoPOS
	// baseline absorbs the stock the payment takes.
	put(t, s, mapping.Link{Kind: mapping.KindOrder, WooID: 1, NexoID: 501, WooFingerprint: orderFingerprint(wooOrder(1, OrderPending, "bacs")), WooModified: t0})
	paid := wooOrder(1, OrderPaid, "bacs")
	paid.Modified = t0.Add(time.Minute)
	plan, err = PlanOrder(ctx, cfg, s, paid)
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	assert.Equal(t, OpPayOrder, plan.Actions[0].Op)
	require.Len(t, plan.Actions[0].Baseline, 1)
	assert.Equal(t, BaselineMove{Kind: mapping.KindProduct, WooID: 10, Side: Nexo, Amount: DecimalFromInt(-2)}, plan.Actions[0].Baseline[0])

	// Cancelled while held: cancel (the engine deletes the held order).
	cancelled := wooOrder(1, OrderCancelled, "bacs")
	cancelled.Modified = t0.Add(time.Minute)
	plan, err = PlanOrder(ctx, cfg, s, cancelled)
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	assert.Equal(t, OpCancelOrder, plan.Actions[0].Op)
	assert.Empty(t, plan.Actions[0].Baseline)
}

func TestPlanOrderUnmappedPaymentIsRecordedAndStockStillMoves(t *testing.T) {
	t.Parallel()
	s := memStore(t)
	linkedProduct(t, s, wooProduct(10, 5, 0), "5")
	plan, err := PlanOrder(context.Background(), testConfig(), s, wooOrder(2, OrderPaid, "stripe"))
	require.NoError(t, err)
	require.Len(t, plan.Skips, 1)
	assert.True(t, plan.Skips[0].Record, "an unmapped payment is never silently ignored")
	assert.Contains(t, plan.Skips[0].Reason, `"stripe"`)
	require.Len(t, plan.Actions, 1)
	a := plan.Actions[0]
	assert.Equal(t, OpAdjustStock, a.Op)
	assert.Equal(t, "-2", a.Delta.String())
	assert.Equal(t, int64(110), a.TargetID)
	assert.NotEmpty(t, a.Marker, "the move happens once however often the order arrives")

	cfg := testConfig()
	cfg.FallbackPayment = "cash-payment"
	plan, err = PlanOrder(context.Background(), cfg, s, wooOrder(2, OrderPaid, "stripe"))
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	assert.Equal(t, OpCreate, plan.Actions[0].Op)
	assert.Equal(t, "cash-payment", plan.Actions[0].Order.PaymentMethod)
}

func TestPlanOrderFromNexoQuickProductAndEcho(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := memStore(t)
	put(t, s, mapping.Link{Kind: mapping.KindProduct, WooID: 10, NexoID: 110})
	o := Order{Side: Nexo, ID: 7, State: OrderPaid, PaymentMethod: "cash-payment", Total: dec("12"), Modified: t0,
		Lines: []OrderLine{
			{ProductID: 110, Quantity: DecimalFromInt(1), UnitPrice: dec("9.50")},
			{ProductID: 0, Name: "Gift wrap", Quantity: DecimalFromInt(1), UnitPrice: dec("2.50")},
		}}
	cfg := testConfig()
	plan, err := PlanOrder(ctx, cfg, s, o)
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	a := plan.Actions[0]
	assert.Equal(t, Woo, a.Target)
	require.Len(t, a.Order.Lines, 2, "the quick product is kept")
	assert.Equal(t, int64(10), a.Order.Lines[0].ProductID)
	assert.Equal(t, int64(0), a.Order.Lines[1].ProductID)
	assert.Equal(t, "cod", a.Order.PaymentMethod, "payment identifier mapped back")

	// An order we created from a web order names its origin: link, no
	// create.
	echo := o
	echo.ID, echo.Ref = 8, 55
	plan, err = PlanOrder(ctx, cfg, s, echo)
	require.NoError(t, err)
	require.Len(t, plan.Actions, 1)
	assert.Equal(t, OpLink, plan.Actions[0].Op)
	assert.Equal(t, int64(55), plan.Actions[0].Link.WooID)
}

func TestPlanCustomerWithoutEmailIsRecorded(t *testing.T) {
	t.Parallel()
	plan, err := PlanCustomer(context.Background(), testConfig(), memStore(t), Customer{Side: Nexo, ID: 3, FirstName: "Ann"})
	require.NoError(t, err)
	require.Len(t, plan.Skips, 1)
	assert.True(t, plan.Skips[0].Record)
	assert.Empty(t, plan.Actions)
}

func TestPlanDeletePolicies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := memStore(t)
	put(t, s, mapping.Link{Kind: mapping.KindProduct, WooID: 10, NexoID: 110})
	ref := Ref{mapping.KindProduct, Woo, 10}
	for policy, want := range map[DeletePolicy]Op{"": OpUnlink, DeleteUnlink: OpUnlink, DeleteTrash: OpTrash, DeleteDelete: OpDelete} {
		cfg := testConfig()
		cfg.OnDelete = map[mapping.Kind]DeletePolicy{mapping.KindProduct: policy}
		plan, err := PlanDelete(ctx, cfg, s, ref)
		require.NoError(t, err)
		require.Len(t, plan.Actions, 1)
		assert.Equal(t, want, plan.Actions[0].Op, "policy %q", policy)
		assert.Equal(t, int64(110), plan.Actions[0].TargetID)
	}
}

// TestStockCounterConverges is a property test: random stock changes made
// on both sides between syncs (people, web orders carried by orders, POS
// sales) always end with both sides equal to the start plus every change,
// whatever the order in which the pair plans run.
func TestStockCounterConverges(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 200; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		woo, nexo, sales := int64(50), int64(50), int64(0)
		link := mapping.Link{Kind: mapping.KindProduct, WooID: 1, NexoID: 2, WooStock: "50", NexoStock: "50", WooSales: "0"}
		truth := int64(50)
		for round := 0; round < 20; round++ {
			// Changes on each side since the last sync.
			for i := r.IntN(4); i > 0; i-- {
				d := int64(r.IntN(7) - 3)
				switch r.IntN(3) {
				case 0: // a person on WooCommerce
					woo += d
				case 1: // a person or POS sale on NexoPOS
					nexo += d
				case 2: // a paid web order of 1..3 units: stock and sales
					q := int64(r.IntN(3) + 1)
					woo -= q
					sales += q
					// The synced order takes it on NexoPOS and the
					// baseline absorbs it (moveBaselines).
					nexo -= q
					link.NexoStock = decimalOf(link.NexoStock).Sub(DecimalFromInt(q)).String()
					d = -q
				}
				truth += d
			}
			w := Product{Side: Woo, ID: 1, ManageStock: true, Stock: DecimalFromInt(woo), TotalSales: DecimalFromInt(sales)}
			n := Product{Side: Nexo, ID: 2, ManageStock: true, Stock: DecimalFromInt(nexo)}
			plan := PlanProductPair(testConfig(), link, w, n)
			for _, a := range plan.Actions {
				switch {
				case a.Op == OpAdjustStock && a.Target == Nexo:
					nexo += a.Delta.IntPart()
					mergeSide(&link, a.Link, Woo)
					link.NexoStock = DecimalFromInt(nexo).String()
				case a.Op == OpAdjustStock && a.Target == Woo:
					woo += a.Delta.IntPart()
					mergeSide(&link, a.Link, Nexo)
					link.WooStock, link.WooSales = DecimalFromInt(woo).String(), DecimalFromInt(sales).String()
				case a.Op == OpLink:
					mergeSide(&link, a.Link, Woo)
					mergeSide(&link, a.Link, Nexo)
				}
			}
			require.Equal(t, woo, nexo, "seed %d round %d: sides differ", seed, round)
			require.Equal(t, truth, woo, "seed %d round %d: a change was lost or doubled", seed, round)
		}
	}
}

func TestIDSetRoundTrips(t *testing.T) {
	for _, ids := range [][]int64{nil, {7}, {3, 1, 2, 2}} {
		got, ok, err := parseIDSet(formatIDSet(ids))
		require.NoError(t, err)
		assert.True(t, ok)
		want := slices.Compact(slices.Sorted(slices.Values(ids)))
		assert.Equal(t, len(want), len(got))
		for i := range want {
			assert.Equal(t, want[i], got[i])
		}
	}
	_, ok, err := parseIDSet("")
	assert.NoError(t, err)
	assert.False(t, ok, "a cursor never written is not the empty set")
	_, _, err = parseIDSet("1,2")
	assert.ErrorContains(t, err, "not an id set")
	_, _, err = parseIDSet("ids:1,x")
	assert.Error(t, err)
}
