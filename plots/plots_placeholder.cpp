// Keeps lingrok_plots a real library until its first source lands.
namespace lingrok { int plots_placeholder() { return 0; } }
