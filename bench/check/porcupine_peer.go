// The peer of bench/check.sh: Porcupine (github.com/anishathalye/porcupine) checks the same
// JSON histories as netns4j's checker, with the same meaning: a cas register starting at 0,
// fail = never happened, info or never completed = may take effect any time after its
// invocation (Porcupine: an unknown output returning at the end of the history).
// Usage: porcupine-peer FILE...   prints "go NAME ENTRIES VERDICT median X ms min Y ms".
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/anishathalye/porcupine"
)

type op struct {
	Type    string          `json:"type"`
	F       string          `json:"f"`
	Value   json.RawMessage `json:"value"`
	Process int             `json:"process"`
	Index   int64           `json:"index"`
}

type input struct {
	f        string
	arg, new int64
}

type output struct {
	value   int64
	nilRead bool
	unknown bool
}

const nilValue = math.MinInt64

var model = porcupine.Model{
	Init: func() interface{} { return int64(0) },
	Step: func(state, in, out interface{}) (bool, interface{}) {
		st := state.(int64)
		i := in.(input)
		o := out.(output)
		switch i.f {
		case "read":
			return o.unknown || (o.nilRead && st == nilValue) || (!o.nilRead && st == o.value), st
		case "write":
			return true, i.arg
		default: // cas that succeeded (failed ones are left out), or unknown
			if st == i.arg {
				return true, i.new
			}
			return o.unknown, st
		}
	},
	Equal: func(a, b interface{}) bool { return a.(int64) == b.(int64) },
	Hash:  func(s interface{}) uint64 { return uint64(s.(int64)) },
}

func number(raw json.RawMessage) (int64, bool) {
	var v *int64
	if err := json.Unmarshal(raw, &v); err != nil || v == nil {
		return nilValue, true
	}
	return *v, false
}

func operations(file string) ([]porcupine.Operation, int) {
	data, err := os.ReadFile(file)
	if err != nil {
		panic(err)
	}
	var ops []op
	if err := json.Unmarshal(data, &ops); err != nil {
		panic(err)
	}
	type pending struct {
		in   input
		call int64
	}
	open := map[int]pending{}
	var result []porcupine.Operation
	end := int64(len(ops)) + 1
	for _, o := range ops {
		if o.Process < 0 {
			continue
		}
		if o.Type == "invoke" {
			in := input{f: o.F}
			switch o.F {
			case "write":
				in.arg, _ = number(o.Value)
			case "cas":
				var pair []int64
				_ = json.Unmarshal(o.Value, &pair)
				in.arg, in.new = pair[0], pair[1]
			}
			open[o.Process] = pending{in, o.Index}
			continue
		}
		p := open[o.Process]
		delete(open, o.Process)
		switch o.Type {
		case "fail":
			continue
		case "info":
			if p.in.f != "read" {
				result = append(result, porcupine.Operation{ClientId: o.Process, Input: p.in, Call: p.call,
					Output: output{unknown: true}, Return: end})
			}
		default:
			out := output{}
			if p.in.f == "read" {
				out.value, out.nilRead = number(o.Value)
			}
			result = append(result, porcupine.Operation{ClientId: o.Process, Input: p.in, Call: p.call,
				Output: out, Return: o.Index})
		}
	}
	for process, p := range open {
		if p.in.f != "read" {
			result = append(result, porcupine.Operation{ClientId: process, Input: p.in, Call: p.call,
				Output: output{unknown: true}, Return: end})
		}
	}
	return result, len(ops)
}

func main() {
	for _, file := range os.Args[1:] {
		ops, entries := operations(file)
		var times []float64
		verdict := ""
		for i := 0; i < 20; i++ {
			t0 := time.Now()
			res := porcupine.CheckOperationsTimeout(model, ops, 30*time.Second)
			t := time.Since(t0).Seconds() * 1000
			switch res {
			case porcupine.Ok:
				verdict = "LINEARIZABLE"
			case porcupine.Illegal:
				verdict = "NOT_LINEARIZABLE"
			default:
				verdict = "UNKNOWN"
			}
			if i >= 5 || t > 10000 {
				times = append(times, t)
			}
			if t > 10000 {
				break // one slow round is enough to know
			}
		}
		sort.Float64s(times)
		if len(times) == 0 {
			times = []float64{math.NaN()}
		}
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		fmt.Printf("go %s %d entries %s median %.2f ms min %.2f ms\n", name, entries, verdict, times[len(times)/2], times[0])
	}
}
