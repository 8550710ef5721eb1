// The one list of activations. Each row: ACT_ACTIVATION(TypeName, "config_name").
// CMake reads this file to validate ACT_ACTIVATIONS; kernels/registry.h defines one tag struct per
// row (metadata), kernels/families/ its vector code, verify/reference.h its reference.
// Missing any of the three for an enabled row is a compile error.
ACT_ACTIVATION(Identity, identity)
ACT_ACTIVATION(Sigmoid, sigmoid)
ACT_ACTIVATION(Tanh, tanh)
ACT_ACTIVATION(Relu, relu)
ACT_ACTIVATION(LeakyRelu, leaky_relu)
ACT_ACTIVATION(Prelu, prelu)
ACT_ACTIVATION(Elu, elu)
ACT_ACTIVATION(Selu, selu)
ACT_ACTIVATION(Silu, silu)
ACT_ACTIVATION(GeluErf, gelu_erf)
ACT_ACTIVATION(GeluTanh, gelu_tanh)
ACT_ACTIVATION(Mish, mish)
ACT_ACTIVATION(Softplus, softplus)
