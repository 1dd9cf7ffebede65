import DocgenCommand
import Experiments

// This book's docgen: the command line from DocgenCommand, with this book's experiments.
await DocgenCommand.main(registry: .book)
