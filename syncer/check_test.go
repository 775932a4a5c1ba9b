package syncer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/syncer"
)

// Issue 16: NexoPOS 5.x refuses a customer without a group. A
// configuration without one (or with one the POS lacks) must fail at start,
// naming the groups there are, not on every customer later.
func TestCheckDefaultsNamesTheCustomerGroups(t *testing.T) {
	h := newHarness(t)
	require.NoError(t, h.eng.CheckDefaults(h.ctx))

	for _, tc := range []struct {
		name string
		set  func(*syncer.Config)
		want []string
	}{
		{"no customer group", func(c *syncer.Config) { c.Defaults.CustomerGroupID = 0 },
			[]string{"Defaults.CustomerGroupID", "is not set", `"Regulars"`}},
		{"unknown customer group", func(c *syncer.Config) { c.Defaults.CustomerGroupID = 999 },
			[]string{"Defaults.CustomerGroupID 999", "is not a NexoPOS customer group", `"Regulars"`}},
		{"unknown unit", func(c *syncer.Config) { c.Defaults.UnitID = 999 }, []string{"Defaults.UnitID 999"}},
		{"unknown category", func(c *syncer.Config) { c.Defaults.CategoryID = 999 }, []string{"Defaults.CategoryID 999"}},
		{"unknown walk-in customer", func(c *syncer.Config) { c.Defaults.WalkInCustomerID = 999 }, []string{"Defaults.WalkInCustomerID 999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := h.cfg
			tc.set(&cfg)
			eng, err := syncer.New(h.wc, h.nc, h.store, cfg, syncer.WithClock(h.clock.Now))
			require.NoError(t, err)
			err = eng.CheckDefaults(h.ctx)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Equal(t, err.Error(), eng.Run(h.ctx).Error(), "Run refuses to start on the same error")
		})
	}

	t.Run("customers not sent", func(t *testing.T) {
		cfg := h.cfg
		cfg.Defaults.CustomerGroupID = 0
		cfg.ToNexo.Customers, cfg.ToNexo.Orders = false, false
		eng, err := syncer.New(h.wc, h.nc, h.store, cfg, syncer.WithClock(h.clock.Now))
		require.NoError(t, err)
		assert.NoError(t, eng.CheckDefaults(h.ctx))
	})
}

// The fake is no kinder than NexoPOS 5.3.10: a customer without a group is
// refused.
func TestFakeRefusesACustomerWithoutAGroup(t *testing.T) {
	h := newHarness(t)
	_, err := h.nc.Customers.Create(h.ctx, nexopos.CustomerInput{FirstName: "Ann", LastName: "Lee", Email: "ann@example.com"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "group id field is required")
}
