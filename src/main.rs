fn main() {
    println!("az900");
}
