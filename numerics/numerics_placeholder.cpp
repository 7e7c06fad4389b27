// Keeps lingrok_numerics a real library until its first source lands.
namespace lingrok { int numerics_placeholder() { return 0; } }
