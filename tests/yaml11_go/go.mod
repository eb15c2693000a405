module hydrate/tests/yaml11_go

go 1.22

require (
	gopkg.in/yaml.v2 v2.4.0
	sigs.k8s.io/yaml v1.4.0
)
